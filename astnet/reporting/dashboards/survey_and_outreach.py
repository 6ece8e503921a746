"""Satisfaction (brugertilfredshed) and outreach casework (fremskudt sagsbehandling) on the district
dashboard, the overview of the whole municipality and with them the report (issue 21 parts 3–4).

Satisfaction is published as shares of positive answers ("enig" or "helt enig"), never from fewer
than five answers (astnet.privacy.suppress_share); the number of responses beside them and the
consultation counts are counts, suppressed as every other count (astnet.privacy.suppress_table).
Each section returns no figures while its app's model is missing.
"""

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from astnet import privacy
from astnet.figures import Figure, Period
from astnet.municipality import current
from astnet.reporting.dashboards.base import Scope, compare_columns, optional_model
from citizens.outreach.selectors import consultations_per_partner, partners_at
from citizens.satisfaction.selectors import (
    Tally,
    asked_questions,
    satisfaction_tallies,
    tally_sum,
)
from offers.models import District, Offer

# The figure whose first row joins the key figures at the top of the district dashboard.
SATISFACTION_SUMMARY_KEY = "tilfredshed-i-alt"


def _has_survey() -> bool:
    return optional_model("citizens", "SurveyResponse") is not None


def _has_outreach() -> bool:
    return optional_model("citizens", "Consultation") is not None


def _question_columns(questions) -> tuple[list[str], str]:
    """Short column headings ("Spm. 1") and the sentence that says which question each one is."""
    headings = [_("Spm. %(number)s (%%)") % {"number": n} for n in range(1, len(questions) + 1)]
    legend = " ".join(
        _("Spm. %(number)s: %(text)s") % {"number": n, "text": question.text}
        for n, question in enumerate(questions, start=1)
    )
    return headings, legend


def _satisfaction_rows(labels: list[str], tallies: list, questions, total) -> list[list]:
    """One row per label (then the total): responses, positive share of all answers, and the share
    per question. The response counts are suppressed as one column with its total, so no small
    count can be worked out from the total; the shares are shown only behind five answers."""
    tallies = [tally or Tally() for tally in tallies]
    counts = privacy.suppress_table([[t.responses] for t in tallies], column_totals=True)
    cells = [row[0] for row in counts.rows] + [counts.column_totals[0]]
    rows = []
    for tally, responses in zip([*tallies, total], cells, strict=True):
        shares = [_question_share(tally, question) for question in questions]
        rows.append([responses, _overall_share(tally), *shares])
    return rows


def _overall_share(tally: Tally) -> privacy.Cell:
    """Positive answers of all answers, behind the number of filled-in surveys."""
    return privacy.suppress_share(tally.positive, tally.answers, behind=tally.responses)


def _question_share(tally: Tally, question) -> privacy.Cell:
    """Positive answers to one question: each answer is one survey, so the answers stand behind."""
    answers, positive = tally.per_question.get(question.pk, (0, 0))
    return privacy.suppress_share(positive, answers, behind=answers)


def _satisfaction_figure(
    *, key: str, title: str, row_header: str, labels, tallies, total, questions
) -> Figure:
    headings, legend = _question_columns(questions)
    return Figure(
        key=key,
        title=title,
        description=" ".join(
            [
                _(
                    "Anonyme besvarelser af tilfredshedsundersøgelsen i perioden, og hvor stor en "
                    "del af svarene der var »enig« eller »helt enig« i alt og for hvert spørgsmål. "
                    "En andel vises kun, når mindst fem har svaret; ellers står der »færre end 5 "
                    "svar«."
                ),
                legend,
            ]
        ).strip(),
        row_header=row_header,
        columns=[_("Besvarelser"), _("Positive svar i alt (%)"), *headings],
        row_labels=[*labels, _("I alt")],
        values=_satisfaction_rows(labels, tallies, questions, total),
        counts=False,
        chart_columns=[1],
    )


def satisfaction(scope: Scope) -> list[Figure]:
    """Satisfaction per offer in the district and for the district as a whole, per question."""
    if not _has_survey():
        return []
    offers = list(scope.offers.order_by("name"))
    per_offer = satisfaction_tallies(scope.offers, scope.period, "offer")
    return [
        _satisfaction_figure(
            key="tilfredshed",
            title=_("Tilfredshed pr. tilbud"),
            row_header=_("Tilbud"),
            labels=[offer.name for offer in offers],
            tallies=[per_offer.get(offer.pk) for offer in offers],
            total=tally_sum(per_offer.values()),
            questions=asked_questions(scope.offers, scope.period),
        )
    ]


def satisfaction_summary(scope: Scope) -> list[Figure]:
    """The dashboard's "satisfaction where known": the share of positive answers at all the
    offers shown, in the period and the same period a year before, in all and per question; "fewer
    than five answers" where fewer than five answered. Its first row is among the key figures."""
    if not _has_survey():
        return []
    now, before = scope.period, scope.period.previous_year
    tallies = [
        satisfaction_tallies(scope.offers, part, None).get(None) or Tally()
        for part in (now, before)
    ]
    questions = asked_questions(scope.offers, now)

    return [
        Figure(
            key=SATISFACTION_SUMMARY_KEY,
            title=_("Tilfredshed i alt"),
            description=_(
                "Andelen af svarene i tilfredshedsundersøgelsen, der var »enig« eller »helt "
                "enig«, i perioden og året før, i alt og for hvert spørgsmål. En andel vises kun, "
                "når mindst fem har svaret."
            ),
            row_header=_("Spørgsmål"),
            columns=compare_columns(),
            row_labels=[_("Tilfredshed: positive svar (%)"), *(q.text for q in questions)],
            values=[
                [_overall_share(tally) for tally in tallies],
                *([_question_share(tally, q) for tally in tallies] for q in questions),
            ],
            counts=False,
            chart_columns=[0, 1],
        )
    ]


def _consultation_figure(
    *, key: str, title: str, row_header: str, rows: list[tuple[object, str]], counts, partners
) -> Figure:
    return Figure(
        key=key,
        title=title,
        description=_(
            "Borgere booket til fremskudt sagsbehandling på en dag i perioden, talt pr. "
            "samarbejdspartner. Kun antallet gemmes, aldrig hvad der blev talt om."
        ),
        row_header=row_header,
        columns=[partner.name for partner in partners],
        row_labels=[label for _pk, label in rows],
        values=[[counts.get((pk, partner.pk), 0) for partner in partners] for pk, _label in rows],
        row_totals=True,
        column_totals=True,
        chart_kind="stacked",
        chart_columns=list(range(len(partners))),
    )


def consultations(scope: Scope) -> list[Figure]:
    """Consultations per offer and partner (counts only, small numbers suppressed); no section
    where no partner holds hours at the offers."""
    if not _has_outreach():
        return []
    partners = partners_at(scope.offers)
    if not partners:
        return []
    offers = scope.offers.filter(casework_hours__isnull=False).distinct().order_by("name")
    return [
        _consultation_figure(
            key="fremskudt-sagsbehandling",
            title=_("Fremskudt sagsbehandling pr. tilbud"),
            row_header=_("Tilbud"),
            rows=[(offer.pk, offer.name) for offer in offers],
            counts=consultations_per_partner(scope.offers, scope.period, "offer"),
            partners=partners,
        )
    ]


def satisfaction_across_districts(period: Period) -> list[Figure]:
    """Satisfaction per area of the municipality and for the whole, per question."""
    if not _has_survey():
        return []
    words = current()
    offers: QuerySet = Offer.objects.all()
    districts = list(District.objects.order_by("name"))
    per_district = satisfaction_tallies(offers, period, "offer__district")
    return [
        _satisfaction_figure(
            key="tilfredshed-omraader",
            title=_("Tilfredshed i %(areas)s") % {"areas": words.area_plural_definite},
            row_header=capfirst(words.area),
            labels=[district.name for district in districts],
            tallies=[per_district.get(district.pk) for district in districts],
            total=tally_sum(per_district.values()),
            questions=asked_questions(offers, period),
        )
    ]


def consultations_across_districts(period: Period) -> list[Figure]:
    """Consultations per area and partner across the municipality (counts only, suppressed)."""
    if not _has_outreach():
        return []
    offers: QuerySet = Offer.objects.all()
    partners = partners_at(offers)
    if not partners:
        return []
    words = current()
    districts = list(District.objects.order_by("name"))
    return [
        _consultation_figure(
            key="fremskudt-omraader",
            title=_("Fremskudt sagsbehandling i %(areas)s") % {"areas": words.area_plural_definite},
            row_header=capfirst(words.area),
            rows=[(district.pk, district.name) for district in districts],
            counts=consultations_per_partner(offers, period, "offer__district"),
            partners=partners,
        )
    ]
