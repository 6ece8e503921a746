"""Reads for the peer-mentor pages, scoped through `astnet.access`; certification is computed here."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet import access, charts, privacy
from astnet.figures import Figure
from astnet.row_urls import row_url
from peers.mentors import access as mentor_access
from peers.mentors.models import (
    ModuleAttendance,
    ModuleSession,
    Participation,
    PeerMeeting,
    PeerMentor,
    Placement,
    Supervision,
    TrainingCohort,
    TrainingModule,
    YearlyTarget,
)

# --- certification (computed, never typed) -------------------------------------------------------


def certification_dates(*, participation_ids: Iterable[int]) -> dict[int, datetime.date | None]:
    """For each participation, the day its last required module was first attended, or None.

    A programme without required modules certifies nobody: it is not finished being planned.
    Three queries, whatever the number of participations.
    """
    ids = list(participation_ids)
    if not ids:
        return {}
    programme_of = dict(
        Participation.objects.filter(pk__in=ids).values_list("pk", "cohort__programme_id")
    )
    required: dict[int, set[int]] = defaultdict(set)
    for programme_id, module_id in TrainingModule.objects.filter(
        programme__in=set(programme_of.values()), required=True
    ).values_list("programme_id", "pk"):
        required[programme_id].add(module_id)
    first_attended: dict[int, dict[int, datetime.date]] = defaultdict(dict)
    for participation_id, module_id, first in (
        ModuleAttendance.objects.filter(participation__in=ids, present=True)
        .values("participation_id", "session__module_id")
        .annotate(first=Min("session__date"))
        .values_list("participation_id", "session__module_id", "first")
    ):
        first_attended[participation_id][module_id] = first
    dates: dict[int, datetime.date | None] = {}
    for participation_id, programme_id in programme_of.items():
        modules = required[programme_id]
        attended = first_attended[participation_id]
        if modules and modules <= attended.keys():
            dates[participation_id] = max(attended[module] for module in modules)
        else:
            dates[participation_id] = None
    return dates


def mentor_certification_dates(*, mentor_ids: Iterable[int]) -> dict[int, datetime.date | None]:
    """Each mentor's first certification day (over all their cohorts), or None."""
    mentor_ids = list(mentor_ids)
    pairs = list(Participation.objects.filter(mentor__in=mentor_ids).values_list("pk", "mentor_id"))
    dates = certification_dates(participation_ids=[pk for pk, _mentor in pairs])
    result: dict[int, datetime.date | None] = dict.fromkeys(mentor_ids)
    for participation_id, mentor_id in pairs:
        day = dates[participation_id]
        if day is not None and (result[mentor_id] is None or day < result[mentor_id]):
            result[mentor_id] = day
    return result


def is_certified(mentor: PeerMentor) -> bool:
    return mentor_certification_dates(mentor_ids=[mentor.pk])[mentor.pk] is not None


# --- the coordinator's pages ----------------------------------------------------------------------


def cohort_list(*, user) -> QuerySet[TrainingCohort]:
    """The cohorts `user` may see, newest first, each with `participant_count`. Ordered here:
    Django leaves Meta.ordering out of a grouped query, and the list is paginated."""
    return (
        access.scope(user, TrainingCohort)
        .select_related("programme")
        .annotate(participant_count=Count("participations", distinct=True))
        .order_by("-start", "name", "pk")
    )


def cohort_get(*, user, pk: int, action: access.ScopeAction = "view") -> TrainingCohort:
    return access.get_in_scope(
        user, TrainingCohort.objects.select_related("programme"), action, pk=pk
    )


@dataclass
class ProgressRow:
    participation: Participation
    attended_module_ids: set[int]
    certified_on: datetime.date | None


def cohort_progress(*, cohort: TrainingCohort) -> tuple[list[TrainingModule], list[ProgressRow]]:
    """The programme's modules and, per participant, which they attended and if certified."""
    modules = list(cohort.programme.modules.all())
    participations = list(cohort.participations.select_related("mentor__user"))
    attended: dict[int, set[int]] = defaultdict(set)
    for participation_id, module_id in ModuleAttendance.objects.filter(
        participation__cohort=cohort, present=True
    ).values_list("participation_id", "session__module_id"):
        attended[participation_id].add(module_id)
    dates = certification_dates(participation_ids=[p.pk for p in participations])
    rows = [ProgressRow(p, attended[p.pk], dates[p.pk]) for p in participations]
    return modules, rows


def session_get(*, user, pk: int, action: access.ScopeAction = "view") -> ModuleSession:
    return access.get_in_scope(
        user,
        ModuleSession.objects.select_related("cohort__programme", "module"),
        action,
        pk=pk,
    )


@dataclass
class RegisterRow:
    participation: Participation
    present: bool
    # Where the row's button posts (one reverse for the whole register; issue 22).
    toggle_url: str


def session_register(*, session: ModuleSession) -> list[RegisterRow]:
    """Every participant of the session's cohort, whether they were present, and the row's
    `toggle_url`."""
    present_ids = set(
        session.attendances.filter(present=True).values_list("participation_id", flat=True)
    )
    toggle_url = row_url("mentors:attendance_toggle", session.pk)
    return [
        RegisterRow(participation, participation.pk in present_ids, toggle_url(participation.pk))
        for participation in session.cohort.participations.select_related("mentor__user")
    ]


def register_row(*, session: ModuleSession, participation: Participation) -> RegisterRow:
    present = session.attendances.filter(participation=participation, present=True).exists()
    return RegisterRow(
        participation, present, row_url("mentors:attendance_toggle", session.pk)(participation.pk)
    )


def mentor_list(*, user) -> QuerySet[PeerMentor]:
    return access.scope(user, PeerMentor).select_related("user", "district")


def with_certification(mentors: Iterable[PeerMentor]) -> list[PeerMentor]:
    """Sets `certified_on` on each mentor of a page (four queries for the page)."""
    mentors = list(mentors)
    dates = mentor_certification_dates(mentor_ids=[m.pk for m in mentors])
    for mentor in mentors:
        mentor.certified_on = dates[mentor.pk]
    return mentors


def placement_list(*, user) -> QuerySet[Placement]:
    return access.scope(user, Placement).select_related("mentor__user", "offer__district")


# --- the yearly target ----------------------------------------------------------------------------


def trained_per_year() -> dict[int, int]:
    """Mentors certified per calendar year (each mentor counted once, in their first year)."""
    dates = mentor_certification_dates(mentor_ids=PeerMentor.objects.values_list("pk", flat=True))
    counts: dict[int, int] = defaultdict(int)
    for day in dates.values():
        if day is not None:
            counts[day.year] += 1
    return dict(counts)


@dataclass
class TargetOverview:
    year: int
    trained: str
    target: int | None
    figure: Figure
    chart: str = field(default="")


def yearly_target_overview(*, user, today: datetime.date | None = None) -> TargetOverview:
    """Trained this year against the target, with every year's figures for the table and chart.

    Administration reads it as an aggregate: counts of 1–4 are shown as "<5" (astnet.privacy).
    """
    today = today or timezone.localdate()
    targets = dict(access.scope(user, YearlyTarget).values_list("year", "target_trained"))
    trained = trained_per_year()
    years = sorted(set(targets) | set(trained) | {today.year})
    figure = Figure(
        key="peer_mentors_trained",
        title=_("Uddannede peer-vejledere pr. år"),
        description=_("Antal certificerede peer-vejledere hvert år sammenholdt med årets mål."),
        row_header=_("År"),
        columns=[_("Mål"), _("Uddannet")],
        row_labels=[str(year) for year in years],
        values=[[targets.get(year), trained.get(year, 0)] for year in years],
        counts=False,
        chart_kind="bar",
        chart_columns=[0, 1],
    )
    if not mentor_access.is_training_coordinator(user):
        # An aggregate for administration: the trained column counts people, so 1–4 shows as "<5";
        # the targets are plans, not people, and stay as they are.
        figure.table = privacy.SuppressedTable(
            rows=[
                [cells[0], privacy.suppress_count(trained.get(year, 0))]
                for year, cells in zip(years, figure.table.rows, strict=True)
            ],
            row_totals=None,
            column_totals=None,
            grand_total=None,
        )
    this_year = figure.table.rows[years.index(today.year)]
    overview = TargetOverview(
        year=today.year,
        trained=this_year[1].display,
        target=targets.get(today.year),
        figure=figure,
    )
    overview.chart = charts.render(figure)
    return overview


# --- a mentor's own page --------------------------------------------------------------------------


def own_mentor(*, user) -> PeerMentor | None:
    """The logged-in user's own mentor record; None for a peer mentor membership without one yet."""
    return access.scope(user, PeerMentor).select_related("district").filter(user=user).first()


@dataclass
class ModuleProgress:
    module: TrainingModule
    attended: bool


@dataclass
class OwnProgress:
    participation: Participation
    modules: list[ModuleProgress]
    certified_on: datetime.date | None


def own_progress(*, mentor: PeerMentor) -> list[OwnProgress]:
    participations = list(
        mentor.participations.select_related("cohort__programme").prefetch_related(
            Prefetch(
                "cohort__programme__modules", queryset=TrainingModule.objects.order_by("order")
            )
        )
    )
    attended: dict[int, set[int]] = defaultdict(set)
    for participation_id, module_id in ModuleAttendance.objects.filter(
        participation__mentor=mentor, present=True
    ).values_list("participation_id", "session__module_id"):
        attended[participation_id].add(module_id)
    dates = certification_dates(participation_ids=[p.pk for p in participations])
    return [
        OwnProgress(
            participation=p,
            modules=[
                ModuleProgress(module, module.pk in attended[p.pk])
                for module in p.cohort.programme.modules.all()
            ],
            certified_on=dates[p.pk],
        )
        for p in participations
    ]


def own_placements(*, mentor: PeerMentor) -> QuerySet[Placement]:
    return mentor.placements.select_related("offer__district")


def placed_offer_ids(*, mentor: PeerMentor, day: datetime.date) -> set[int]:
    """Offers where the mentor has a placement covering `day`."""
    return set(
        mentor.placements.filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values_list("offer_id", flat=True)
    )


def upcoming_meetings(*, mentor: PeerMentor, today: datetime.date) -> QuerySet[PeerMeeting]:
    """Peer meetings from today on that the mentor holds or that are at their placements."""
    offers = mentor.placements.filter(Q(end__isnull=True) | Q(end__gte=today)).values("offer_id")
    return (
        PeerMeeting.objects.filter(date__gte=today)
        .filter(Q(mentors=mentor) | Q(offer__in=offers))
        .distinct()
        .select_related("offer")
        .order_by("date", "pk")
    )


def held_meetings(*, mentor: PeerMentor) -> QuerySet[PeerMeeting]:
    return mentor.peer_meetings.select_related("offer").order_by("-date", "-pk")


# --- offers: which mentors are placed here ---------------------------------------------------------


@dataclass
class OfferMentors:
    offer: object
    placements: list[Placement] = field(default_factory=list)
    meetings: list[PeerMeeting] = field(default_factory=list)


UPCOMING_MEETINGS_SHOWN = 5


def mentors_for_offers(
    offers: Iterable, *, today: datetime.date | None = None
) -> list[OfferMentors]:
    """For each offer: its current and coming placements, and its next peer meetings.

    Two queries for the placements and meetings of all the offers together.
    """
    today = today or timezone.localdate()
    result = {offer.pk: OfferMentors(offer) for offer in offers}
    for placement in (
        Placement.objects.filter(offer__in=result.keys())
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("mentor__user")
        .order_by("start", "pk")
    ):
        result[placement.offer_id].placements.append(placement)
    for meeting in (
        PeerMeeting.objects.filter(offer__in=result.keys(), date__gte=today)
        .prefetch_related(Prefetch("mentors", queryset=PeerMentor.objects.select_related("user")))
        .order_by("date", "pk")
    ):
        meetings = result[meeting.offer_id].meetings
        if len(meetings) < UPCOMING_MEETINGS_SHOWN:
            meetings.append(meeting)
    return list(result.values())


def mentors_for_offer(offer, *, today: datetime.date | None = None) -> OfferMentors:
    """What the partial `peers/mentors/_offer_mentors.html` shows for one offer."""
    return mentors_for_offers([offer], today=today)[0]


# --- supervision (sparring) -----------------------------------------------------------------------


def supervision_list(*, user) -> QuerySet[Supervision]:
    return (
        access.scope(user, Supervision)
        .select_related("supervisor")
        .prefetch_related(
            Prefetch("mentors_present", queryset=PeerMentor.objects.select_related("user"))
        )
    )


def supervision_get(*, user, pk: int) -> Supervision:
    """One supervision with its notes: 404 to anyone but the supervisor and the mentors present."""
    return access.get_in_scope(user, supervision_list(user=user), "view", pk=pk)
