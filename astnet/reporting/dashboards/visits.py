"""Visits (fremmøde): per offer, per ISO week and the key figures, one aggregate query per period.

Visits and distinct citizens come from citizens.visit_months.selectors: exact counts from the
monthly pre-aggregate, reading the period's months and no other (issue 22); weeks from the
period's own visits.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.figures import Figure, Period
from astnet.reporting.dashboards.base import (
    Scope,
    compare_columns,
    counted_per_period,
    in_period,
)
from citizens.models import Citizen, Visit
from citizens.visit_months.selectors import visit_counts, weekly_counts


def key_figures(scope: Scope) -> list[Figure]:
    """Visits, unique and new citizens for the period and a year before: three queries."""
    empty = {"visits": 0, "citizens": 0}
    counted = counted_per_period(
        scope.period, lambda part: _per_offer_and_total(scope, part).get((), empty)
    )
    visits = {
        f"{kind}_{when}": counted[when][kind]
        for kind in ("visits", "citizens")
        for when in ("now", "before")
    }
    visits.update(_new_citizens(scope))
    return [
        Figure(
            key="noegletal",
            title=_("Nøgletal"),
            description=_(
                "Antal besøg, forskellige borgere og nye borgere i perioden og i samme periode "
                "året før."
            ),
            row_header=_("Nøgletal"),
            columns=compare_columns(),
            row_labels=[_("Besøg"), _("Forskellige borgere"), _("Nye borgere")],
            values=[
                [visits["visits_now"], visits["visits_before"]],
                [visits["citizens_now"], visits["citizens_before"]],
                [visits["new_now"], visits["new_before"]],
            ],
            chart_columns=[0, 1],
        )
    ]


def _per_offer_and_total(scope: Scope, part: Period) -> dict[tuple, dict[str, int]]:
    """Visits and distinct citizens in `part` per offer (keys (offer id,)) and at all the scope's
    offers (key ()), as `visit_counts` with `total`: one query, kept on the scope, as the key
    figures and the figures per offer read the same rows (issue 22)."""
    key = ("visits per offer and in all", part)
    if key not in scope.counted:
        scope.counted[key] = visit_counts(part, offers=scope.offers, group=("offer",), total=True)
    return scope.counted[key]


def _new_citizens(scope: Scope) -> dict[str, int]:
    """Citizens registered in the period who came to one of the offers in it, and the same a year
    before. Counted from the few citizens registered in either period, so the visits are read
    from the (offer, day, citizen) index and never joined to every citizen."""
    now, before = scope.period, scope.period.previous_year

    def came_in(period):
        return Exists(
            Visit.objects.filter(in_period(period), citizen=OuterRef("pk"), offer__in=scope.offers)
        )

    def registered_in(period):
        # Compared as moments, not as local dates: converting every citizen's timestamp to a
        # date in the local time zone cost more than reading the rows (issue 22).
        first = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time()))
        after = timezone.make_aware(
            datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time())
        )
        return Q(created_at__gte=first, created_at__lt=after)

    return Citizen.objects.filter(registered_in(now) | registered_in(before)).aggregate(
        new_now=Count("pk", filter=registered_in(now) & Q(came_in(now))),
        new_before=Count("pk", filter=registered_in(before) & Q(came_in(before))),
    )


def per_offer(scope: Scope) -> list[Figure]:
    """Visits and unique citizens per offer: the offers, and a grouped query per period."""
    offers = list(scope.offers.order_by("name").only("pk", "name"))
    counted = counted_per_period(
        scope.period,
        lambda part: {
            key[0]: counts for key, counts in _per_offer_and_total(scope, part).items() if key
        },
    )
    empty = {"visits": 0, "citizens": 0}
    rows = [
        {
            f"{kind}_{when}": counted[when].get(offer.pk, empty)[kind]
            for kind in ("visits", "citizens")
            for when in ("now", "before")
        }
        for offer in offers
    ]
    labels = [offer.name for offer in offers]
    return [
        Figure(
            key="besoeg-pr-tilbud",
            title=_("Besøg pr. tilbud"),
            description=_("Besøg pr. tilbud i perioden sammenlignet med samme periode året før."),
            row_header=_("Tilbud"),
            columns=compare_columns(),
            row_labels=labels,
            values=[[r["visits_now"], r["visits_before"]] for r in rows],
            column_totals=True,
            chart_kind="hbar" if len(offers) > 8 else "bar",
            chart_columns=[0, 1],
        ),
        Figure(
            key="borgere-pr-tilbud",
            title=_("Forskellige borgere pr. tilbud"),
            description=_(
                "Antal forskellige borgere, der kom i hvert tilbud, i perioden og året før. "
                "En borger kan komme flere steder, så tallene lægges ikke sammen."
            ),
            row_header=_("Tilbud"),
            columns=compare_columns(),
            row_labels=labels,
            values=[[r["citizens_now"], r["citizens_before"]] for r in rows],
            chart_kind="hbar" if len(offers) > 8 else "bar",
            chart_columns=[0, 1],
        ),
    ]


def _weekly(scope: Scope) -> tuple[dict, dict]:
    """Visits and citizens per ISO week, one query per period. The period's weeks are keyed by
    (ISO year, week); last year's by the year they are compared with, (ISO year + 1, week)."""
    counted = counted_per_period(
        scope.period, lambda part: weekly_counts(part, offers=scope.offers)
    )
    this_year, last_year = {}, {}
    for when, target, shift in (("now", this_year, 0), ("before", last_year, 1)):
        for week_start, counts in counted[when].items():
            year, week, _day = week_start.isocalendar()
            target[(year + shift, week)] = counts
    return this_year, last_year


def per_week(scope: Scope) -> list[Figure]:
    """Visits per ISO week, set against the same week number a year before: two queries."""
    this_year, last_year = _weekly(scope)
    weeks = scope.period.iso_weeks()
    values = []
    for monday in weeks:
        year, week, _day = monday.isocalendar()
        visits, citizens = this_year.get((year, week), (0, 0))
        visits_before, citizens_before = last_year.get((year, week), (0, 0))
        values.append([visits, visits_before, citizens, citizens_before])
    return [
        Figure(
            key="besoeg-pr-uge",
            title=_("Besøg pr. uge"),
            description=_(
                "Besøg og forskellige borgere pr. uge i perioden, sammenlignet med samme uge året før."
            ),
            row_header=_("Uge"),
            columns=[
                _("Besøg"),
                _("Besøg året før"),
                _("Forskellige borgere"),
                _("Forskellige borgere året før"),
            ],
            row_labels=[
                _("Uge %(week)s, %(year)s")
                % {"week": monday.isocalendar().week, "year": monday.isocalendar().year}
                for monday in weeks
            ],
            values=values,
            column_totals=[True, True, False, False],
            chart_kind="line",
            chart_columns=[0, 1],
        )
    ]
