"""No page reads the whole visits table for one citizen or one month (issue 22).

On PostgreSQL only: a register big enough that the planner prefers an index whenever one fits
(20,000 citizens, 300,000 visits, written by generate_series in about a second) and one citizen
with courses, goals, consents and a talk. Every query the citizen page, the roster and a one-month
district dashboard run is explained; a sequential scan of citizens_visit fails the test with the
query and its plan.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citizens.models import (
    Consent,
    Course,
    Enrollment,
    ExpectationTalk,
    Goal,
    GoalRating,
    Visit,
)
from tests import factories as f
from tests.conftest import needs_postgresql

CITIZENS = 20_000
VISITS_EACH = 15


def _big_register(offer_ids: list[int]) -> None:
    """CITIZENS citizens, each at home at one of the offers, with VISITS_EACH visits over two years."""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO citizens_citizen
                (chosen_name, created_at, challenges, cpr_encrypted, email, phone, wants_contact)
            SELECT 'Borger ' || n, now(), '[]'::jsonb, '', '', '', false
            FROM generate_series(1, %s) AS n
            """,
            [CITIZENS],
        )
        cursor.execute(
            """
            INSERT INTO citizens_citizen_home_offers (citizen_id, offer_id)
            SELECT c.id, (%s::bigint[])[1 + c.id %% %s]
            FROM citizens_citizen c WHERE c.chosen_name LIKE 'Borger %%'
            """,
            [offer_ids, len(offer_ids)],
        )
        # Distinct days per citizen: 37·g stays below 730 for every g < 20.
        cursor.execute(
            """
            INSERT INTO citizens_visit (citizen_id, offer_id, day, created_at)
            SELECT h.citizen_id, h.offer_id, %s::date - ((h.citizen_id * 7 + g * 37) %% 730)::int,
                   now()
            FROM citizens_citizen_home_offers h, generate_series(0, %s) AS g
            """,
            [today, VISITS_EACH - 1],
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


def _visit_scans(client, user, url: str) -> list[str]:
    """The query and plan of every query the page runs that reads citizens_visit sequentially."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    scans = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if "citizens_visit" not in sql or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        if "Seq Scan on citizens_visit" in plan:
            scans.append(f"{sql}\n{plan}")
    return scans


@pytest.mark.django_db
def test_no_page_scans_the_whole_visits_table(world, client):
    needs_postgresql()
    citizen = _citizen_with_courses(world)
    _big_register([world.nabo.pk, world.kompasset.pk, world.griffen.pk])
    today = timezone.localdate()
    month = {
        "period_from": (today - datetime.timedelta(days=29)).isoformat(),
        "period_to": today.isoformat(),
    }
    dashboard = reverse("dashboards:district", args=[world.amager.pk])
    pages = [
        (world.staff, reverse("citizens:detail", args=[citizen.pk])),
        (world.leader, reverse("citizens:detail", args=[citizen.pk])),
        (world.staff, reverse("citizens:today", args=[world.nabo.pk])),
        (world.leader, f"{dashboard}?{urlencode(month)}"),
    ]
    for user, url in pages:
        scans = _visit_scans(client, user, url)
        assert not scans, f"{url} scans citizens_visit:\n\n" + "\n\n".join(scans)


@pytest.mark.django_db
def test_the_app_runs_without_jit(db):
    """JIT costs small queries milliseconds each (issue 22); the connection switches it off."""
    needs_postgresql()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
