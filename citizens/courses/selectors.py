"""Reads for courses (forløb): the catalogue, a course's register, goals and the outcome summary,
all scoped through `astnet.access`."""

import datetime
import functools
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from astnet import access, charts, privacy
from astnet.figures import Figure
from astnet.formats import format_date
from astnet.row_urls import row_url
from astnet.sql_names import quoted, vendor
from citizens.courses.models import Attendance, Course, Enrollment, Goal, GoalRating, Session
from citizens.models import Citizen

ACTIVE = Q(enrollments__waiting_position__isnull=True, enrollments__outcome="")
WAITING = Q(enrollments__waiting_position__isnull=False)


def catalogue(user) -> QuerySet:
    """Every course the user may read, with its free places; one query for the page's rows."""
    return (
        access.scope(user, Course, "view")
        .select_related("track", "lead")
        .prefetch_related("host_offers")
        .annotate(
            places_taken=Count("enrollments", filter=ACTIVE, distinct=True),
            waiting=Count("enrollments", filter=WAITING, distinct=True),
        )
        .order_by("start_date", "title", "pk")
    )


def course_for_page(user, pk: int, action: access.ScopeAction = "view") -> Course:
    return access.get_in_scope(
        user, catalogue(user) if action == "view" else Course.objects.all(), action, pk=pk
    )


def participants(user, course: Course) -> QuerySet:
    return (
        access.scope(user, Enrollment, "view")
        .filter(course=course)
        .select_related("citizen", "moved_on_to", "referring_offer")
        .order_by("waiting_position", "citizen__chosen_name", "pk")
    )


def sessions_for(course: Course) -> QuerySet:
    return course.sessions.annotate(
        present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
    ).order_by("date", "starts_at", "pk")


def session_for_page(user, pk: int, action: access.ScopeAction = "view") -> Session:
    return access.get_in_scope(user, Session.objects.select_related("course"), action, pk=pk)


def _register_queryset(session: Session) -> QuerySet:
    status = Attendance.objects.filter(session=session, enrollment=OuterRef("pk")).values("status")
    return (
        session.course.enrollments.filter(waiting_position__isnull=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=session.date))
        .select_related("citizen")
        .annotate(status=Subquery(status[:1]))
        .order_by("citizen__chosen_name", "pk")
    )


def _with_set_url(session: Session, rows) -> list[Enrollment]:
    """The rows, each given `set_url`: where its buttons post (one reverse for the whole list,
    not one per row; issue 22)."""
    set_url = row_url("courses:attendance_set", session.pk)
    rows = list(rows)
    for row in rows:
        row.set_url = set_url(row.pk)
    return rows


def register_rows(session: Session) -> list[Enrollment]:
    """Everyone with a place on the course on the session's day, with what was recorded
    (`status`, None when nothing was) and `set_url`."""
    return _with_set_url(session, _register_queryset(session))


def register_row(session: Session, enrollment_id: int) -> Enrollment:
    """One row of `register_rows`; raises Enrollment.DoesNotExist if it is not on the register."""
    return _with_set_url(session, [_register_queryset(session).get(pk=enrollment_id)])[0]


def goals_for_course(user, course: Course) -> QuerySet:
    return (
        access.scope(user, Goal, "view")
        .filter(enrollment__course=course)
        .select_related("citizen")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=GoalRating.objects.order_by("rated_on", "pk"),
                to_attr="rating_list",
            )
        )
    )


def goal_for_page(user, pk: int, action: access.ScopeAction = "view") -> Goal:
    return access.get_in_scope(
        user,
        Goal.objects.select_related("citizen", "enrollment__course").prefetch_related("ratings"),
        action,
        pk=pk,
    )


# A goal's chart is kept this long after it was drawn (a new rating makes it another chart).
# Redis may evict it sooner (docker-compose.yml: volatile-lru).
GOAL_CHART_KEEP_SECONDS = 30 * 24 * 60 * 60


def _progress_figure(goal: Goal, ratings: list[GoalRating]) -> Figure:
    return Figure(
        key=f"goal-{goal.pk}",
        title=_("Vurderinger af målet"),
        description=_("Vurderinger fra 1 til 10 over tid. Tallene står i tabellen ved siden af."),
        row_header=_("Dato"),
        columns=[_("Vurdering")],
        row_labels=[format_date(rating.rated_on, year=False) for rating in ratings],
        values=[[rating.score] for rating in ratings],
        counts=False,
        chart_kind="line",
        chart_columns=[0],
        scale=(1, 10),
    )


def progress_svg(goal: Goal, ratings: list[GoalRating]) -> str:
    """The goal's `ratings` (oldest first) over time as a small line chart (SVG), in the active
    language, kept for GOAL_CHART_KEEP_SECONDS (`charts.render`). Kept for 15 minutes only,
    drawing cost citizen pages not seen before 5.6 ms on average and 13 ms at their 95th
    percentile (issue 22). The rating service draws it when a rating is saved
    (services.goal_rating_create)."""
    return charts.render(_progress_figure(goal, ratings), keep_seconds=GOAL_CHART_KEEP_SECONDS)


def progress_chart(goal: Goal, ratings: list[GoalRating], nonce: str) -> str:
    """`progress_svg` ready for a page: its <style> carries the request's CSP `nonce`."""
    return charts.with_nonce(progress_svg(goal, ratings), nonce)


# What the citizen page shows of a rating: the JSON's order, and GoalRating's field order too.
_RATING_COLUMNS = ("id", "rated_on", "score", "note")


@functools.cache
def _ratings_json_sql(vendor: str) -> str:
    columns = ", ".join(f"r.{quoted(GoalRating, name)}" for name in _RATING_COLUMNS)
    source = (
        f"FROM {quoted(GoalRating)} r "
        f"WHERE r.{quoted(GoalRating, 'goal')} = {quoted(Goal)}.{quoted(Goal, 'id')}"
    )
    if vendor == "postgresql":
        return f"SELECT json_agg(json_build_array({columns}))::text {source}"  # noqa: S608  # nosec B608 - names from the models
    return f"SELECT json_group_array(json_array({columns})) {source}"  # noqa: S608  # nosec B608 - names from the models


def _ratings_json() -> RawSQL:
    """The goal's ratings as a JSON array of [id, rated_on, score, note], NULL or "[]" for none:
    a correlated subquery on the goals' table, written once per process."""
    return RawSQL(_ratings_json_sql(vendor(GoalRating)), (), output_field=TextField())  # noqa: S611  # nosec B611 - names from the models


def _ratings_from_json(goal: Goal, text: str | None) -> list[GoalRating]:
    """The ratings `_ratings_json` gave for `goal`, oldest first (by date, then as entered), as
    GoalRating objects with the columns the page shows; the others load if asked for."""
    # from_db takes the values in the model's field order: the goal's id goes after the id.
    fields = [_RATING_COLUMNS[0], "goal_id", *_RATING_COLUMNS[1:]]
    ratings = [
        GoalRating.from_db(
            goal._state.db, fields, [pk, goal.pk, datetime.date.fromisoformat(day), score, note]
        )
        for pk, day, score, note in json.loads(text or "[]")
    ]
    ratings.sort(key=lambda rating: (rating.rated_on, rating.pk))
    return ratings


@dataclass
class CitizenCourses:
    enrollments: list[Enrollment]
    goals: list[Goal]


def courses_for_citizen(
    user, citizen, *, has_enrollments: bool = True, has_goals: bool = True
) -> CitizenCourses:
    """For the citizen page: the courses and goals the user may see (two queries, whatever the
    number of courses and ratings), with only the columns the page shows (issue 22: fewer
    columns, less ORM work; tests/test_page_queries.py proves no row reads another afterwards).
    Each goal's ratings come in its own row, as JSON (`_ratings_json`): `goal.rating_list`,
    oldest first, where a prefetch was a third query and its bookkeeping; and its chart,
    `goal.chart_svg` (`_with_progress_svgs`). `has_enrollments`
    or `has_goals` False (`citizens.selectors.citizen_for_detail` knows) skips a query that
    would find nothing."""
    enrollments = []
    if has_enrollments:
        enrollments = list(
            access.rows_about(user, Enrollment, citizen)
            .select_related("course", "moved_on_to")
            .only(
                "course__title",
                "referral_date",
                "waiting_position",
                "end_date",
                "outcome",
                "stop_reason",
                "moved_on_to__name",
                "moved_on_to_other",
            )
            .order_by("-referral_date", "-pk")
        )
    goals = []
    if has_goals:
        goals = list(
            access.rows_about(user, Goal, citizen)
            .select_related("enrollment__course")
            .only("text", "enrollment__course__title")
            .annotate(ratings_json=_ratings_json())
            .order_by("-created_at", "-pk")
        )
        for goal in goals:
            goal.rating_list = _ratings_from_json(goal, goal.ratings_json)
        _with_progress_svgs(goals)
    return CitizenCourses(enrollments=enrollments, goals=goals)


def _with_progress_svgs(goals: list[Goal]) -> None:
    """Gives each goal `chart_svg`: `progress_svg` of its `rating_list`, or "" without ratings.
    The charts kept are asked for in one cache round trip, not one a goal (issue 22)."""
    svgs = iter(
        charts.render_many(
            [_progress_figure(goal, goal.rating_list) for goal in goals if goal.rating_list],
            keep_seconds=GOAL_CHART_KEEP_SECONDS,
        )
    )
    for goal in goals:
        goal.chart_svg = next(svgs) if goal.rating_list else ""


def enrollable_citizens(user, query: str = "") -> QuerySet:
    """Citizens the user may enrol: those in their own scope, found by chosen name."""
    citizens = access.scope(user, Citizen, "change").order_by("chosen_name", "pk")
    if query:
        citizens = citizens.filter(chosen_name__icontains=query)
    return citizens


# --- outcome summary ------------------------------------------------------------------------------


@dataclass
class Outcomes:
    label: str
    enrolled: int = 0
    completed: int = 0
    stopped: int = 0
    moved_on: int = 0
    rates: list[float] = field(default_factory=list)
    rising: int = 0
    course: Course | None = None

    @property
    def ongoing(self) -> int:
        return self.enrolled - self.completed - self.stopped - self.moved_on

    def display_row(self) -> list[str]:
        """As published: counts of 1–4 as "<5", and a second count hidden where the enrolled total
        would give a small one away; the median only from five people or more."""
        table = privacy.suppress_table(
            [[self.ongoing, self.completed, self.stopped, self.moved_on]], row_totals=True
        )
        parts = [cell.display for cell in table.rows[0]]
        rising = privacy.suppress_count(self.rising).display
        return [table.row_totals[0].display, *parts, self.median_rate, rising]

    @property
    def median_rate(self) -> str:
        # A rate from fewer than five people could describe one of them: it is left out.
        if len(self.rates) < privacy.THRESHOLD:
            return privacy.SMALL if self.rates else "–"
        return f"{round(statistics.median(self.rates) * 100)} %"


def _enrollment_figures(course_ids) -> list[dict]:
    """Per enrolment with a place: its course, track, outcome and register counts (one query)."""
    return list(
        Enrollment.objects.filter(course__in=course_ids, waiting_position__isnull=True)
        .values("pk", "course_id", "course__track_id", "outcome")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            registered=Count(
                "attendances",
                filter=Q(
                    attendances__status__in=[Attendance.Status.PRESENT, Attendance.Status.ABSENT]
                ),
            ),
        )
    )


def _rising_goals(course_ids) -> list[dict]:
    """Goals on the courses whose latest rating is above the first (one query)."""
    ratings = GoalRating.objects.filter(goal=OuterRef("pk")).values("score")
    return list(
        Goal.objects.filter(enrollment__course__in=course_ids)
        .annotate(
            first=Subquery(ratings.order_by("rated_on", "pk")[:1]),
            last=Subquery(ratings.order_by("-rated_on", "-pk")[:1]),
        )
        .values("enrollment__course_id", "enrollment__course__track_id", "first", "last")
    )


def _fill(groups: dict, key_of, figures, rising) -> None:
    for row in figures:
        group = groups[key_of(row, "course_id", "course__track_id")]
        group.enrolled += 1
        group.completed += row["outcome"] == Enrollment.Outcome.COMPLETED
        group.stopped += row["outcome"] == Enrollment.Outcome.STOPPED_EARLY
        group.moved_on += row["outcome"] == Enrollment.Outcome.MOVED_ON
        if row["registered"]:
            group.rates.append(row["present"] / row["registered"])
    for row in rising:
        if row["first"] is not None and row["last"] is not None and row["last"] > row["first"]:
            key = key_of(row, "enrollment__course_id", "enrollment__course__track_id")
            groups[key].rising += 1


def outcomes_per_course(courses: list[Course]) -> list[Outcomes]:
    by_course = {course.pk: Outcomes(label=course.title, course=course) for course in courses}
    ids = list(by_course)
    groups = defaultdict(lambda: Outcomes(label=""), by_course)
    _fill(
        groups,
        lambda row, course, _track: row[course],
        _enrollment_figures(ids),
        _rising_goals(ids),
    )
    return [by_course[pk] for pk in ids]


def outcomes_per_track(user) -> list[Outcomes]:
    courses = access.scope(user, Course, "view")
    tracks = {
        track_id: Outcomes(label=name)
        for track_id, name in courses.values_list("track_id", "track__name").distinct()
    }
    ids = courses.values("pk")
    groups = defaultdict(lambda: Outcomes(label=""), tracks)
    _fill(
        groups, lambda row, _course, track: row[track], _enrollment_figures(ids), _rising_goals(ids)
    )
    return sorted(tracks.values(), key=lambda outcome: outcome.label)
