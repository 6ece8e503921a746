"""Sections built on other apps' data (anonymous head counts, expectation talks, follow-up, forløb,
peer mentors, council budgets; satisfaction and outreach are in survey_and_outreach). Each returns
no figures while its app's model is missing."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from astnet.figures import Figure
from astnet.municipality import current
from astnet.reporting.dashboards.base import Scope, compare_columns, in_period, optional_model


def anonymous_head_counts(scope: Scope) -> list[Figure]:
    """Anonymt fremmøde: head counts of people who came without being registered, per offer."""
    if optional_model("citizens", "AnonymousVisits") is None:
        return []
    now, before = scope.period, scope.period.previous_year
    offers = list(
        scope.offers.order_by("name").annotate(
            now=Coalesce(
                Sum("anonymous_visits__count", filter=in_period(now, "anonymous_visits__day")), 0
            ),
            before=Coalesce(
                Sum("anonymous_visits__count", filter=in_period(before, "anonymous_visits__day")), 0
            ),
        )
    )
    return [
        Figure(
            key="anonymt-fremmoede",
            title=_("Anonymt fremmøde pr. tilbud"),
            description=_(
                "Antal besøg af borgere, der ikke er registreret (optalt pr. dag), i perioden og "
                "året før."
            ),
            row_header=_("Tilbud"),
            columns=compare_columns(),
            row_labels=[offer.name for offer in offers],
            values=[[offer.now, offer.before] for offer in offers],
            column_totals=True,
            chart_columns=[0, 1],
        )
    ]


def expectation_talks(scope: Scope) -> list[Figure]:
    """Forventningssamtaler held per offer, and how many gave consent to follow-up contact."""
    if optional_model("citizens", "ExpectationTalk") is None:
        return []
    now, before = scope.period, scope.period.previous_year
    offers = list(
        scope.offers.order_by("name").annotate(
            now=Count("talks", filter=in_period(now, "talks__held_on")),
            before=Count("talks", filter=in_period(before, "talks__held_on")),
            consent=Count(
                "talks",
                filter=in_period(now, "talks__held_on") & Q(talks__follow_up_consent_given=True),
            ),
        )
    )
    return [
        Figure(
            key="forventningssamtaler",
            title=_("Forventningssamtaler pr. tilbud"),
            description=_(
                "Forventningssamtaler holdt i perioden og året før, og hvor mange af periodens "
                "samtaler der gav samtykke til opfølgning."
            ),
            row_header=_("Tilbud"),
            columns=[*compare_columns(), _("Heraf med samtykke til opfølgning")],
            row_labels=[offer.name for offer in offers],
            values=[[o.now, o.before, o.consent] for o in offers],
            column_totals=True,
            chart_columns=[0, 1],
        )
    ]


def follow_ups(scope: Scope) -> list[Figure]:
    """Opfølgning: citizens who came onto the follow-up list, were followed up, and are still due."""
    if optional_model("citizens", "FollowUp") is None:
        return []
    now = scope.period
    offers = list(
        scope.offers.order_by("name").annotate(
            opened=Count("follow_ups", filter=in_period(now, "follow_ups__opened_on")),
            closed=Count("follow_ups", filter=in_period(now, "follow_ups__closed_at__date")),
            open_now=Count("follow_ups", filter=Q(follow_ups__closed_at__isnull=True)),
        )
    )
    return [
        Figure(
            key="opfoelgning",
            title=_("Opfølgning pr. tilbud"),
            description=_(
                "Borgere med samtykke, der kom på opfølgningslisten i perioden, opfølgninger "
                "afsluttet i perioden (borgeren kom igen eller blev kontaktet), og hvor mange der "
                "står på listen nu."
            ),
            row_header=_("Tilbud"),
            columns=[_("Kom på listen"), _("Afsluttet"), _("På listen nu")],
            row_labels=[offer.name for offer in offers],
            values=[[o.opened, o.closed, o.open_now] for o in offers],
            column_totals=True,
            chart_columns=[0, 1],
        )
    ]


def courses(scope: Scope) -> list[Figure]:
    """Forløb hosted at the offers, by kind: running and finished, and how enrollments ended."""
    course_model = optional_model("citizens", "Course")
    enrollment_model = optional_model("citizens", "Enrollment")
    if course_model is None or enrollment_model is None:
        return []
    start, end = scope.period.as_range()
    running = Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    per_kind = {
        row["kind"]: row
        for row in course_model.objects.filter(host_offers__in=scope.offers)
        .values("kind")
        .annotate(
            running=Count("pk", distinct=True, filter=running),
            finished=Count("pk", distinct=True, filter=Q(end_date__range=(start, end))),
        )
    }
    outcomes = defaultdict(int)
    for row in (
        enrollment_model.objects.filter(
            course__in=course_model.objects.filter(host_offers__in=scope.offers).values("pk"),
            end_date__range=(start, end),
        )
        .values("course__kind", "outcome")
        .annotate(count=Count("pk"))
    ):
        outcomes[(row["course__kind"], row["outcome"])] = row["count"]
    if not per_kind and not outcomes:
        return []
    kinds = course_model.Kind
    ending = enrollment_model.Outcome
    values = [
        [
            per_kind.get(kind, {}).get("running", 0),
            per_kind.get(kind, {}).get("finished", 0),
            outcomes[(kind, ending.COMPLETED)],
            outcomes[(kind, ending.STOPPED_EARLY)],
            outcomes[(kind, ending.MOVED_ON)],
        ]
        for kind in kinds.values
    ]
    return [
        Figure(
            key="forloeb",
            title=_("Forløb og resultater"),
            description=_(
                "Forløb i tilbuddene efter type: kørende og afsluttede i perioden, og hvordan "
                "deltagernes forløb endte i perioden."
            ),
            row_header=_("Type"),
            columns=[
                _("Forløb i gang"),
                _("Forløb afsluttet"),
                _("Deltagere gennemført"),
                _("Stoppet før tid"),
                _("Gået videre"),
            ],
            row_labels=[str(label) for label in kinds.labels],
            values=values,
            column_totals=True,
            public_columns=[0, 1],
            chart_columns=[2, 3, 4],
            chart_kind="stacked",
        )
    ]


def peer_mentors(scope: Scope) -> list[Figure]:
    """Peer-vejledere in the district by status, with the city's yearly training target."""
    mentor_model = optional_model("peers", "PeerMentor")
    target_model = optional_model("peers", "YearlyTarget")
    if mentor_model is None or scope.district is None:
        return []
    counts = dict(
        mentor_model.objects.filter(district=scope.district)
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    year = scope.period.end.year
    target = (
        target_model.objects.filter(year=year).values_list("target_trained", flat=True).first()
        if target_model is not None
        else None
    )
    words = current()
    description = _("Peer-vejledere i %(area)s efter status i dag.") % {"area": words.area_definite}
    if target is not None:
        description += " " + _(
            "%(whole)s mål for %(year)s er %(target)s uddannede peer-vejledere."
        ) % {"whole": capfirst(words.whole_genitive), "year": year, "target": target}
    return [
        Figure(
            key="peer-vejledere",
            title=_("Peer-vejledere"),
            description=description,
            row_header=_("Status"),
            columns=[_("Antal")],
            row_labels=[str(label) for label in mentor_model.Status.labels],
            values=[[counts.get(status, 0)] for status in mentor_model.Status.values],
            column_totals=True,
            chart_columns=[0],
        )
    ]


def council_budgets(scope: Scope) -> list[Figure]:
    """Users' councils' budgets for the period's last year against what they granted in the period
    (whole kroner; money decided in public meetings, not counts of citizens)."""
    council_model = optional_model("peers", "Council")
    decision_model = optional_model("peers", "Decision")
    if optional_model("peers", "Budget") is None or None in (council_model, decision_model):
        return []
    place = Q(offer__in=scope.offers)
    if scope.district is not None:
        place |= Q(district=scope.district)
    year = scope.period.end.year
    councils = list(
        council_model.objects.filter(place)
        .order_by("name")
        .annotate(budget=Coalesce(Sum("budgets__amount_ore", filter=Q(budgets__year=year)), 0))
    )
    # Grants are summed on their own: joined with the budgets they would repeat each budget row.
    granted = dict(
        decision_model.objects.filter(
            budget__council__in=[council.pk for council in councils],
            decided_at__date__range=scope.period.as_range(),
        )
        .values("budget__council")
        .annotate(total=Sum("granted_amount_ore"))
        .values_list("budget__council", "total")
    )
    if not councils:
        return []
    return [
        Figure(
            key="raadsbudgetter",
            title=_("Brugerrådenes budgetter"),
            description=_(
                "Hvert råds budget for %(year)s og hvad rådet har bevilget i perioden, i kroner."
            )
            % {"year": year},
            row_header=_("Råd"),
            columns=[_("Budget (kr.)"), _("Bevilget i perioden (kr.)")],
            row_labels=[council.name for council in councils],
            values=[[c.budget // 100, granted.get(c.pk, 0) // 100] for c in councils],
            counts=False,
            chart_columns=[0, 1],
        )
    ]
