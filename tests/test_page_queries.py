"""The queries of the pages issue 22 made fast, counted: a page that grows a query per row, or
reads lazily again what it has read, fails here. Counted after the session is warm (the session's
renewal, at most once a minute, is not a page's cost)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen, Consent, Course, Enrollment, Goal, GoalRating, Visit
from tests import factories as f
from tests.offers.factories import ActivityFactory
from tests.rights import factories as rf

pytestmark = pytest.mark.django_db


def _regulars(offer, count: int) -> list[Citizen]:
    citizens = Citizen.objects.bulk_create(Citizen(chosen_name=f"Borger {n}") for n in range(count))
    Citizen.home_offers.through.objects.bulk_create(
        Citizen.home_offers.through(citizen_id=c.pk, offer_id=offer.pk) for c in citizens
    )
    return citizens


def _page_queries(client, url: str, **extra) -> list[str]:
    client.get(url, **extra)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_a_check_in_is_one_insert_and_no_second_lookup(
    client, world, django_assert_max_num_queries
):
    citizens = _regulars(world.nabo, 3)
    client.force_login(world.staff)
    client.get(reverse("citizens:today", args=[world.nabo.pk]))
    url = reverse("citizens:check_in", args=[world.nabo.pk, citizens[0].pk])
    # Session, user, memberships; the citizen; the INSERT, follow-ups closed, audit (inside a
    # savepoint here, a transaction in production); the day's counts; one more for the audit
    # middleware of issue 16 (the same one query on every staff page since that merge).
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(11):
        response = client.post(url, {"list": "roster"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    assert len([q for q in sql if 'FROM "citizens_citizen"' in q]) == 1
    assert len([q for q in sql if "citizens_visit" in q and "ON CONFLICT" in q]) == 1
    # The offer comes with the memberships: never looked up on its own.
    assert not [q for q in sql if q.startswith('SELECT "offers_offer".')]
    assert Visit.objects.filter(citizen=citizens[0], day=timezone.localdate()).count() == 1


def test_the_roster_of_a_hundred_rows(client, world):
    _regulars(world.nabo, 150)
    client.force_login(world.staff)
    sql = _page_queries(client, reverse("citizens:today", args=[world.nabo.pk]))
    # Session, user, memberships, audit, the page's rows with their count, the day's counts, and
    # one more since issue 16's audit middleware.
    assert len(sql) <= 7
    assert not [q for q in sql if q.startswith("SELECT COUNT(*)")]


def _course(world, title: str) -> Course:
    today = timezone.localdate()
    course = Course.objects.create(
        title=title,
        kind=Course.Kind.UNREFERRED,
        track=f.TrackFactory(),
        lead=world.staff,
        capacity=8,
        start_date=today - datetime.timedelta(days=7),
    )
    course.host_offers.add(world.nabo)
    return course


def test_the_citizen_page_with_courses_and_goals(client, world):
    """Every kind of row the page prints (a talk and a consent with the staff who made them, a
    withdrawn consent, an outreach call, an enrolment waiting, ongoing, stopped, moved on to an
    offer and moved on elsewhere, goals with and without a course): the selectors read only the
    columns the page shows, so a row that reached for another would add a query here."""
    citizen = _regulars(world.nabo, 1)[0]
    today = timezone.localdate()
    Visit.objects.create(citizen=citizen, offer=world.nabo, day=today)
    ongoing = Enrollment.objects.create(
        citizen=citizen, course=_course(world, "Søvn"), enrolled_by=world.staff
    )
    Enrollment.objects.create(
        citizen=citizen, course=_course(world, "Gåtur"), waiting_position=1, enrolled_by=world.staff
    )
    ended = {"end_date": today, "enrolled_by": world.staff}
    Enrollment.objects.create(
        citizen=citizen,
        course=_course(world, "Kor"),
        outcome=Enrollment.Outcome.STOPPED_EARLY,
        stop_reason="Flyttede",
        **ended,
    )
    Enrollment.objects.create(
        citizen=citizen,
        course=_course(world, "Maling"),
        outcome=Enrollment.Outcome.MOVED_ON,
        moved_on_to=world.nabo,
        **ended,
    )
    Enrollment.objects.create(
        citizen=citizen,
        course=_course(world, "Løb"),
        outcome=Enrollment.Outcome.MOVED_ON,
        moved_on_to_other="Et job",
        **ended,
    )
    for enrollment in (ongoing, None):
        goal = Goal.objects.create(
            citizen=citizen, enrollment=enrollment, text="Sove", created_by=world.staff
        )
        GoalRating.objects.create(goal=goal, score=4, note="Bedre", recorded_by=world.staff)
    Consent.objects.create(citizen=citizen, kind=Consent.Kind.FOLLOW_UP, recorded_by=world.staff)
    Consent.objects.create(
        citizen=citizen,
        kind=Consent.Kind.PARTNER,
        partner_name="Lægen",
        recorded_by=world.staff,
        given_at=timezone.now() - datetime.timedelta(days=3),
        withdrawn_at=timezone.now(),
        withdrawn_recorded_by=world.staff,
    )
    rf.TalkFactory(citizen=citizen, offer=world.nabo, staff=world.staff, contact_method="phone")
    follow_up = rf.FollowUpFactory(citizen=citizen, offer=world.nabo)
    rf.OutreachFactory(citizen=citizen, follow_up=follow_up, by=world.staff)
    client.force_login(world.staff)
    sql = _page_queries(client, reverse("citizens:detail", args=[citizen.pk]))
    # Session, user, memberships, the citizen (with whether the user may change them, the home
    # offers' names and which lists have rows, in the same query), audit, visits by month (one
    # query, no COUNT), talks, consents, outreach, enrolments, goals with their ratings (as JSON
    # in the goals' rows), and one more since issue 16's audit middleware.
    assert len(sql) <= 12
    assert not [q for q in sql if q.startswith('SELECT "citizens_goalrating".')]
    assert not [q for q in sql if q.startswith("SELECT COUNT(*)")]
    page = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    for shown in ("Flyttede", "Et job", "Lægen", "Bedre", world.nabo.name, "Gåtur"):
        assert shown in page


def test_the_citizen_page_asks_only_for_the_lists_the_citizen_has(client, world):
    """A citizen with visits and nothing else: the page asks for no talk, consent, follow-up
    call, enrolment, goal or home offer on its own (the citizen's lookup said there are none)."""
    citizen = _regulars(world.nabo, 1)[0]
    Visit.objects.create(citizen=citizen, offer=world.nabo, day=timezone.localdate())
    client.force_login(world.staff)
    sql = _page_queries(client, reverse("citizens:detail", args=[citizen.pk]))
    lists = ("expectationtalk", "consent", "outreach", "enrollment", "goal", "goalrating")
    asked = [q for q in sql for table in lists if q.startswith(f'SELECT "citizens_{table}".')]
    assert asked == []
    assert not [q for q in sql if q.startswith('SELECT "offers_offer".')]
    assert len(sql) <= 8


def _uncached_and_cached(client, url: str) -> tuple[list[str], list[str]]:
    """The queries of a request the programme's cache cannot answer, then of the same again."""
    with CaptureQueriesContext(connection) as uncached:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in uncached.captured_queries], [
        q["sql"] for q in cached.captured_queries
    ]


def test_the_public_programme(client, world):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    url = reverse("offers_public:programme")
    ActivityFactory(offer=world.nabo, schedule="weekly", weekday=0, starts_on=monday)
    few, few_cached = _uncached_and_cached(client, url)
    for number in range(120):
        ActivityFactory(
            offer=world.griffen, schedule="weekly", weekday=number % 7, starts_on=monday
        )
    many, many_cached = _uncached_and_cached(client, url)
    # The week's activities as bare fields, closed days, the page's activities, the filter's
    # three choice lists and the partners' outreach hours (issue 21); no session, no memberships;
    # the same for 1 or 121 activities. Asked again, the week comes from the cache: no query.
    assert len(many) == len(few) <= 7
    assert many_cached == few_cached == []
    assert not [q for q in many if "django_session" in q or "astnet_membership" in q]


def test_the_dashboard_from_the_cache(client, world):
    client.force_login(world.leader)
    sql = _page_queries(client, reverse("dashboards:district", args=[world.amager.pk]))
    # Session, user, memberships, the district, its offers, the filter's choices; the figures,
    # charts and tables come from one cache entry.
    assert len(sql) <= 7
    assert not [q for q in sql if "citizens_visit" in q]
