"""Reading survey questions and satisfaction per offer with small-number protection."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Q, QuerySet, Value

from astnet import privacy
from astnet.figures import Period
from citizens.satisfaction.models import POSITIVE_FROM, SurveyAnswer, SurveyQuestion


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


@dataclass(frozen=True)
class Tally:
    """Answers behind a share: `responses` filled-in surveys, `answers` scores given in them and
    `positive` of those scored 4 or 5; `per_question` maps a question id to (answers, positive)."""

    responses: int = 0
    answers: int = 0
    positive: int = 0
    per_question: dict = field(default_factory=dict)


def tally_sum(tallies) -> Tally:
    """The tallies of separate groups added up: a response belongs to one offer (and one area),
    so responses, answers and positive answers add without counting anyone twice."""
    per_question: dict = defaultdict(lambda: (0, 0))
    for tally in tallies:
        for question, (answers, positive) in tally.per_question.items():
            before = per_question[question]
            per_question[question] = (before[0] + answers, before[1] + positive)
    tallies = list(tallies)
    return Tally(
        responses=sum(t.responses for t in tallies),
        answers=sum(t.answers for t in tallies),
        positive=sum(t.positive for t in tallies),
        per_question=dict(per_question),
    )


def satisfaction_tallies(offers: QuerySet, period: Period, group: str | None) -> dict:
    """Answers given at `offers` over `period` (dates inclusive), tallied per value of `group` (a
    path from a response, e.g. "offer" or "offer__district"; None: one tally under the key None).
    Two queries whatever the number of responses. Raw counts: the caller publishes shares through
    astnet.privacy.suppress_share."""
    answers = SurveyAnswer.objects.filter(
        response__offer__in=offers, response__day__range=period.as_range()
    )
    positive = Count("pk", filter=Q(score__gte=POSITIVE_FROM))
    if group is None:
        # One group of everything: `values()` without fields would group by every column.
        key = "one"
        answers = answers.annotate(one=Value(None, output_field=IntegerField()))
    else:
        key = f"response__{group}"
    totals = {
        row[key]: row
        for row in answers.values(key)
        .annotate(
            responses=Count("response", distinct=True), answers=Count("pk"), positive=positive
        )
        .order_by()
    }
    per_question: dict = defaultdict(dict)
    for row in (
        answers.values(key, "question").annotate(answers=Count("pk"), positive=positive).order_by()
    ):
        per_question[row[key]][row["question"]] = (row["answers"], row["positive"])
    return {
        group_key: Tally(
            responses=row["responses"],
            answers=row["answers"],
            positive=row["positive"],
            per_question=per_question[group_key],
        )
        for group_key, row in totals.items()
        if row["answers"]
    }


def asked_questions(offers: QuerySet, period: Period) -> list[SurveyQuestion]:
    """The questions asked now and those answered at `offers` in `period` (an old question keeps
    its column while its answers are in the period), in their order."""
    answered = SurveyAnswer.objects.filter(
        response__offer__in=offers, response__day__range=period.as_range()
    ).values("question")
    return list(SurveyQuestion.objects.filter(Q(active=True) | Q(pk__in=answered)))
