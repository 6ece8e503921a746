"""Reading survey questions and satisfaction per offer with small-number protection."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from astnet import privacy
from astnet.figures import Period
from citizens.satisfaction.models import POSITIVE_FROM, SurveyQuestion


def active_questions() -> QuerySet:
    """The questions asked now, in their order."""
    return SurveyQuestion.objects.filter(active=True)


@dataclass(frozen=True)
class Satisfaction:
    """One offer's satisfaction in a period: `responses` is the number of filled-in surveys and
    `positive_share` the percentage (0–100, one decimal) of answers scored 4 or 5, or None when
    fewer than five responses stand behind it (astnet.privacy)."""

    name: str
    responses: privacy.Cell
    positive_share: float | None


def satisfaction_per_offer(offers: QuerySet, period: Period) -> list[Satisfaction]:
    """Satisfaction for each offer in `offers` over `period` (dates inclusive), one query."""
    in_period = Q(survey_responses__day__gte=period.start, survey_responses__day__lte=period.end)
    rows = offers.order_by("name").annotate(
        responses=Count("survey_responses", filter=in_period, distinct=True),
        answers=Count("survey_responses__answers", filter=in_period),
        positive=Count(
            "survey_responses__answers",
            filter=in_period & Q(survey_responses__answers__score__gte=POSITIVE_FROM),
        ),
    )
    result = []
    for row in rows:
        cell = privacy.suppress_count(row.responses)
        share = None
        if row.responses >= privacy.THRESHOLD and row.answers:
            share = round(100 * row.positive / row.answers, 1)
        result.append(Satisfaction(name=row.name, responses=cell, positive_share=share))
    return result
