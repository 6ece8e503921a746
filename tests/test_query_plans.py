"""No page reads the whole visits table for one citizen or one month (issue 22).

On PostgreSQL only: a register big enough that the planner prefers an index whenever one fits
(20,000 citizens, 300,000 visits, written by generate_series in about a second) and one citizen
with courses, goals, consents and a talk. Every query the citizen page, the roster and a one-month
district dashboard run is explained and executed (EXPLAIN ANALYZE); the visit rows each reads are
counted from its plan, and a query that reads far more than the page is about fails the test.
"""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.db import connection, connections
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from astnet.db_router import reading_from_replica
from astnet.figures import Period
from citizens.models import (
    Consent,
    Course,
    Enrollment,
    ExpectationTalk,
    Goal,
    GoalRating,
    Visit,
    VisitMonth,
)
from tests import factories as f
from tests.conftest import needs_postgresql

CITIZENS = 20_000
VISITS_EACH = 15


def _big_register(offer_ids: list[int]) -> None:
    """CITIZENS citizens, each at home at one of the offers, with VISITS_EACH visits over two years."""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        # Only the citizens made here get home offers and visits: a citizen the test made before
        # (with visits of its own) would otherwise get these too, on a day that depends on its id,
        # which depends on the tests run before in the same database.
        cursor.execute("SELECT coalesce(max(id), 0) FROM citizens_citizen")
        (before,) = cursor.fetchone()
        cursor.execute(
            """
            INSERT INTO citizens_citizen
                (chosen_name, created_at, challenges, cpr_encrypted, email, phone, wants_contact)
            SELECT 'Borger ' || n, now() - (n %% 730) * interval '1 day', '[]'::jsonb, '', '', '',
                   false
            FROM generate_series(1, %s) AS n
            """,
            [CITIZENS],
        )
        cursor.execute(
            """
            INSERT INTO citizens_citizen_home_offers (citizen_id, offer_id)
            SELECT c.id, (%s::bigint[])[1 + c.id %% %s]
            FROM citizens_citizen c WHERE c.id > %s
            """,
            [offer_ids, len(offer_ids), before],
        )
        # Distinct days per citizen: 37·g stays below 730 for every g < 20.
        cursor.execute(
            """
            INSERT INTO citizens_visit (citizen_id, offer_id, day, created_at)
            SELECT h.citizen_id, h.offer_id, %s::date - ((h.citizen_id * 7 + g * 37) %% 730)::int,
                   now()
            FROM citizens_citizen_home_offers h, generate_series(0, %s) AS g
            WHERE h.citizen_id > %s
            """,
            [today, VISITS_EACH - 1, before],
        )
        for table in (
            "citizens_citizen",
            "citizens_citizen_home_offers",
            "citizens_visit",
            "citizens_enrollment",
            "citizens_goal",
        ):
            cursor.execute(f"ANALYZE {table}")


def _citizen_with_courses(world):
    today = timezone.localdate()
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    for days in (3, 10, 40):
        Visit.objects.create(
            citizen=citizen, offer=world.nabo, day=today - datetime.timedelta(days=days)
        )
    course = Course.objects.create(
        title="Søvn og mad",
        kind=Course.Kind.UNREFERRED,
        track=f.TrackFactory(),
        lead=world.staff,
        capacity=8,
        start_date=today - datetime.timedelta(days=30),
    )
    course.host_offers.add(world.nabo)
    enrollment = Enrollment.objects.create(
        citizen=citizen, course=course, start_date=course.start_date, enrolled_by=world.staff
    )
    goal = Goal.objects.create(
        citizen=citizen, enrollment=enrollment, text="Sove hele natten", created_by=world.staff
    )
    for weeks, score in ((4, 3), (2, 5), (0, 6)):
        GoalRating.objects.create(
            goal=goal,
            rated_on=today - datetime.timedelta(weeks=weeks),
            score=score,
            recorded_by=world.staff,
        )
    Consent.objects.create(citizen=citizen, kind=Consent.Kind.FOLLOW_UP, recorded_by=world.staff)
    ExpectationTalk.objects.create(
        citizen=citizen,
        offer=world.nabo,
        held_on=today,
        staff=world.staff,
        wishes_and_goals="Komme ud to gange om ugen",
        follow_up_consent_asked=True,
        follow_up_consent_given=True,
    )
    return citizen


def _visit_rows(node: dict, table: str = "citizens_visit") -> int:
    """Rows the plan node and its children read from `table` (all loops)."""
    own = 0
    if node.get("Relation Name") == table:
        own = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * node.get(
            "Actual Loops", 1
        )
    return own + sum(_visit_rows(child, table) for child in node.get("Plans", []))


def _visit_reads(client, user, url: str, table: str = "citizens_visit") -> list[tuple[int, str]]:
    """Per query the page runs that reads `table`: the rows it read, and the query."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    reads = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if f'"{table}"' not in sql or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        reads.append((_visit_rows(plan[0]["Plan"], table), sql))
    return reads


def _too_many(reads: list[tuple[int, str]], limit: int) -> str:
    return "\n\n".join(f"{rows} visit rows read by:\n{sql}" for rows, sql in reads if rows > limit)


@pytest.mark.django_db
def test_a_citizen_page_and_the_roster_read_only_their_citizens_visits(world, client):
    """An offer's history is ~100,000 visits here; a page about one citizen, or about today at
    one offer, reads a few hundred at most (today's visits are ~140)."""
    needs_postgresql()
    citizen = _citizen_with_courses(world)
    _big_register([world.nabo.pk, world.kompasset.pk, world.griffen.pk])
    pages = [
        (world.staff, reverse("citizens:detail", args=[citizen.pk])),
        (world.leader, reverse("citizens:detail", args=[citizen.pk])),
        (world.staff, reverse("citizens:today", args=[world.nabo.pk])),
    ]
    for user, url in pages:
        reads = _visit_reads(client, user, url)
        assert reads, url
        assert not _too_many(reads, 1_000), _too_many(reads, 1_000)


@pytest.mark.django_db
def test_a_one_month_dashboard_reads_only_its_months(world, client):
    """The month and the same month a year before: no query reads more visits than those two
    (plus a tenth for index pages shared with the neighbouring days)."""
    needs_postgresql()
    _big_register([world.nabo.pk, world.kompasset.pk, world.griffen.pk])
    today = timezone.localdate()
    period = Period(today - datetime.timedelta(days=29), today)
    before = period.previous_year
    offers = [world.nabo.pk, world.kompasset.pk]
    in_periods = (
        Visit.objects.filter(offer__in=offers)
        .filter(Q(day__range=(period.start, period.end)) | Q(day__range=(before.start, before.end)))
        .count()
    )
    url = reverse("dashboards:district", args=[world.amager.pk])
    query = urlencode({"period_from": period.start.isoformat(), "period_to": today.isoformat()})
    reads = _visit_reads(client, world.leader, f"{url}?{query}")
    assert reads
    limit = in_periods * 11 // 10
    assert not _too_many(reads, limit), f"limit {limit}:\n" + _too_many(reads, limit)


@pytest.mark.django_db
def test_a_calendar_month_dashboard_reads_only_its_visit_months(world, client):
    """A whole calendar month is counted from the visit months (issue 22): the dashboard reads
    that month's rows and the same month's a year before, never the offers' other months, and
    no raw visit at all for its counts of visits and citizens."""
    needs_postgresql()
    _big_register([world.nabo.pk, world.kompasset.pk, world.griffen.pk])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE citizens_visitmonth")
        # Freshly written and not vacuumed (VACUUM cannot run in the test's transaction), the
        # table's visibility map is empty and a sequential scan of its 300,000 rows looks cheaper
        # than the index; in production autovacuum keeps it. Without sequential scans the plan
        # shows what the test is about: whether the query's own conditions bound the months.
        cursor.execute("SET LOCAL enable_seqscan = off")
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    period = Period(last_month.replace(day=1), last_month)
    before = period.previous_year
    offers = [world.nabo.pk, world.kompasset.pk]
    in_months = VisitMonth.objects.filter(
        offer__in=offers, month__in=[period.start, before.start]
    ).count()
    url = reverse("dashboards:district", args=[world.amager.pk])
    query = urlencode(
        {"period_from": period.start.isoformat(), "period_to": period.end.isoformat()}
    )
    reads = _visit_reads(client, world.leader, f"{url}?{query}", table="citizens_visitmonth")
    # The offers and their total in one query (GROUPING SETS), now and a year before.
    assert len(reads) == 2
    limit = in_months * 11 // 10
    assert not _too_many(reads, limit), f"limit {limit}:\n" + _too_many(reads, limit)


@pytest.mark.django_db
def test_the_app_runs_without_jit(db):
    """JIT costs small queries milliseconds each (issue 22); the connection switches it off."""
    needs_postgresql()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def prepared(alias: str = "default") -> int:
    """How many statements the connection of `alias` has prepared."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_repeated_query_is_planned_once_per_connection(db):
    """Planning was most of the citizen page's time in PostgreSQL (issue 22): with server-side
    binding, psycopg prepares a statement the connection has run five times, whatever its
    parameters, and PostgreSQL keeps its plan for the connection."""
    needs_postgresql()
    citizens = [f.CitizenFactory() for _ in range(6)]
    before = prepared()
    for citizen in citizens:
        Visit.objects.filter(citizen=citizen, day__gte=datetime.date(2026, 1, 1)).exists()
    assert prepared() == before + 1


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_figures_are_planned_for_their_own_values():
    """A generic plan made the 12-month district dashboards twice as slow (issue 22): dashboards
    and reports read inside `reading_from_replica`, where nothing is prepared, on a connection
    already open or one opened there (as a report's threads do); outside it, preparing is back."""
    needs_postgresql()

    def six_queries() -> None:
        for day in range(1, 7):
            Visit.objects.filter(day=datetime.date(2026, 1, day)).exists()

    connections.close_all()
    with reading_from_replica():
        alias = Visit.objects.all().db
        six_queries()
        assert prepared(alias) == 0
    connection.ensure_connection()
    with reading_from_replica():
        six_queries()
        assert prepared(alias) == 0
    six_queries()
    assert prepared("default") == 1
