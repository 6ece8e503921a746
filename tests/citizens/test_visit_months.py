"""The visit months (issue 22): exact in step with the visits after every kind of write, the
nightly check and its repair, the rebuild, and the same numbers as counting raw visits."""

import datetime
import random
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from astnet.figures import Period
from citizens import merging
from citizens.models import Visit, VisitMonth, VisitMonthCheck
from citizens.rights import erasure
from citizens.services import visit_check_in, visit_undo
from citizens.visit_months import selectors, services
from citizens.visit_months.tasks import check_visit_months
from offers.models import Offer
from tests import factories as f

pytestmark = pytest.mark.django_db


def expected_months() -> dict:
    """VisitMonth as it must be, summed in Python from every visit."""
    months = defaultdict(lambda: [0, 0])
    for citizen, offer, day in Visit.objects.values_list("citizen", "offer", "day"):
        row = months[(offer, citizen, day.replace(day=1))]
        row[0] |= 1 << (day.day - 1)
        row[1] += 1
    return {key: tuple(value) for key, value in months.items()}


def stored_months() -> dict:
    return {
        (offer, citizen, month): (days, visit_days)
        for offer, citizen, month, days, visit_days in VisitMonth.objects.values_list(
            "offer", "citizen", "month", "days", "visit_days"
        )
    }


def assert_in_step():
    assert stored_months() == expected_months()


def _day(year, month, day):
    return datetime.date(year, month, day)


def test_a_check_in_and_its_undo_keep_the_month_in_step(world):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    today = timezone.localdate()
    visit, created = visit_check_in(offer=world.nabo, citizen=citizen, by=world.staff)
    assert created
    visit_check_in(offer=world.nabo, citizen=citizen, by=world.staff)  # the double click
    earlier = today.replace(day=1) if today.day > 1 else today - datetime.timedelta(days=1)
    if earlier != today:
        visit_check_in(offer=world.nabo, citizen=citizen, by=world.staff, day=earlier)
    assert_in_step()
    assert VisitMonth.objects.get(citizen=citizen, month=today.replace(day=1)).visit_days == (
        2 if earlier.month == today.month and earlier != today else 1
    )

    visit_undo(visit=visit, by=world.staff)

    assert_in_step()


def test_deleting_the_last_visit_of_a_month_removes_its_row(world):
    visit = f.VisitFactory(offer=world.nabo, day=_day(2026, 2, 28))

    visit.delete()

    assert not VisitMonth.objects.exists()


def test_bulk_writes_updates_and_deletes_keep_the_months_in_step(world):
    people = [f.CitizenFactory() for _ in range(3)]
    Visit.objects.bulk_create(
        Visit(citizen=person, offer=offer, day=_day(2025, 12, 1) + datetime.timedelta(days=n))
        for person in people
        for offer in (world.nabo, world.kompasset)
        for n in range(0, 70, 3)
    )
    assert_in_step()

    moved = Visit.objects.filter(citizen=people[0]).order_by("day").first()
    Visit.objects.filter(pk=moved.pk).update(citizen=people[2], day=_day(2024, 2, 29))
    Visit.objects.filter(offer=world.kompasset, day=_day(2026, 1, 9)).update(offer=world.griffen)
    assert_in_step()

    Visit.objects.filter(day__range=(_day(2026, 1, 10), _day(2026, 1, 20))).delete()
    assert_in_step()

    people[1].delete()  # Django's cascade deletes the visits, and the months with them
    assert_in_step()


def test_a_merge_moves_the_duplicates_months_to_the_kept_citizen(world):
    keep, duplicate = f.CitizenFactory(), f.CitizenFactory()
    day = timezone.localdate() - datetime.timedelta(days=3)
    f.VisitFactory(citizen=keep, offer=world.nabo, day=day)
    f.VisitFactory(citizen=duplicate, offer=world.nabo, day=day)  # the same visit twice
    f.VisitFactory(citizen=duplicate, offer=world.nabo, day=day - datetime.timedelta(days=40))
    f.VisitFactory(citizen=duplicate, offer=world.kompasset, day=day)

    merging.citizen_merge(keep=keep, duplicate=duplicate, by=world.staff)

    assert_in_step()
    assert not VisitMonth.objects.filter(citizen_id=duplicate.pk).exists()


def test_anonymising_a_citizen_keeps_their_visits_counted(world):
    citizen = f.CitizenFactory()
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=_day(2026, 3, 3))

    erasure.anonymise(citizen, by=world.dpo)

    assert_in_step()
    assert VisitMonth.objects.filter(citizen=citizen).exists()


def test_the_nightly_check_repairs_and_records_counts_only(world, caplog):
    today = timezone.localdate()
    for offset in (1, 2, 40):
        f.VisitFactory(offer=world.nabo, day=today - datetime.timedelta(days=offset))
    VisitMonth.objects.filter(pk=VisitMonth.objects.order_by("pk").first().pk).update(days=1 << 30)
    VisitMonth.objects.filter(pk=VisitMonth.objects.order_by("pk").last().pk).delete()

    result = check_visit_months()

    assert_in_step()
    assert result["rows_wrong"] >= 2
    check = VisitMonthCheck.objects.get()
    assert (check.rows_checked, check.rows_wrong) == (result["rows_checked"], result["rows_wrong"])
    # Counts and months only: nothing in the log names a citizen.
    assert caplog.records
    assert all(
        isinstance(arg, int | datetime.date) for record in caplog.records for arg in record.args
    )

    assert check_visit_months()["rows_wrong"] == 0


def test_the_rebuild_command_sums_the_months_afresh(world):
    for day in (_day(2025, 12, 31), _day(2026, 1, 1)):
        f.VisitFactory(offer=world.nabo, day=day)
    VisitMonth.objects.all().delete()

    call_command("rebuild_visit_months", "--from", "2026-01")
    assert VisitMonth.objects.get().month == _day(2026, 1, 1)

    call_command("rebuild_visit_months")
    assert_in_step()


def test_a_deferred_bulk_load_is_summed_at_its_end(world):
    citizen = f.CitizenFactory()
    with services.visit_months_deferred():
        Visit.objects.bulk_create(
            Visit(citizen=citizen, offer=world.nabo, day=_day(2026, 1, n)) for n in range(1, 20)
        )
    assert_in_step()


# --- the same numbers as counting raw visits -------------------------------------------------


def _raw(period: Period, offers, group) -> dict:
    """The old way: every visit in the period, COUNT and COUNT(DISTINCT) per group."""
    rows = Visit.objects.filter(day__range=period.as_range())
    if offers is not None:
        rows = rows.filter(offer__in=offers)
    if not group:
        counted = rows.aggregate(visits=Count("citizen"), citizens=Count("citizen", distinct=True))
        return {(): counted}
    return {
        tuple(row[path] for path in group): {"visits": row["visits"], "citizens": row["citizens"]}
        for row in rows.values(*group).annotate(
            visits=Count("citizen"), citizens=Count("citizen", distinct=True)
        )
    }


def _raw_weeks(period: Period, offers) -> dict:
    counted = defaultdict(lambda: [0, set()])
    rows = Visit.objects.filter(day__range=period.as_range(), offer__in=offers)
    for citizen, day in rows.values_list("citizen", "day"):
        monday = day - datetime.timedelta(days=day.weekday())
        counted[monday][0] += 1
        counted[monday][1].add(citizen)
    return {monday: (visits, len(people)) for monday, (visits, people) in counted.items()}


@pytest.fixture
def year_end_visits(world):
    """Visits from November 2025 to February 2027 on random days: two year ends, ISO week 53 of
    2026 (28 December 2026 – 3 January 2027), 29 February absent, first and last days of months."""
    rng = random.Random(22)
    people = [f.CitizenFactory() for _ in range(25)]
    offers = [world.nabo, world.kompasset, world.griffen]
    first, days = _day(2025, 11, 1), (_day(2027, 2, 28) - _day(2025, 11, 1)).days + 1
    edge_days = [
        _day(2025, 11, 30),
        _day(2025, 12, 1),
        _day(2025, 12, 31),
        _day(2026, 1, 1),
        _day(2026, 12, 28),
        _day(2026, 12, 31),
        _day(2027, 1, 1),
        _day(2027, 1, 3),
        _day(2027, 1, 4),
    ]
    rows = set()
    for _visit in range(900):
        day = (
            rng.choice(edge_days)
            if rng.random() < 0.2
            else first + datetime.timedelta(days=rng.randrange(days))
        )
        rows.add((rng.choice(people).pk, rng.choice(offers).pk, day))
    Visit.objects.bulk_create(
        Visit(citizen_id=citizen, offer_id=offer, day=day) for citizen, offer, day in rows
    )
    return world


PERIODS = [
    Period(_day(2026, 1, 1), _day(2026, 12, 31)),  # whole months only
    Period(_day(2025, 12, 2), _day(2026, 12, 1)),  # twelve months from a day: two edge stretches
    Period(_day(2026, 11, 2), _day(2026, 12, 1)),  # a month from a day: no whole month
    Period(_day(2026, 2, 1), _day(2026, 2, 28)),  # one whole month
    Period(_day(2026, 12, 28), _day(2027, 1, 3)),  # ISO week 53, across the year end
    Period(_day(2025, 12, 31), _day(2026, 1, 1)),  # the last and the first day of a year
    Period(_day(2026, 3, 15), _day(2026, 3, 15)),  # one day
    Period(_day(2025, 11, 30), _day(2027, 2, 1)),  # a last day, a first day, a year between
]


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_counts_from_the_months_equal_counting_raw_visits(year_end_visits, period):
    world = year_end_visits
    amager = Offer.objects.filter(district=world.amager)
    for offers, group in [
        (None, ()),
        (amager, ()),
        (amager, ("offer",)),
        (None, ("offer__district",)),
        (None, ("offer__track", "offer__district")),
    ]:
        for when in (period, period.previous_year):
            counted = selectors.visit_counts(when, offers=offers, group=group)
            raw = _raw(when, offers, group)
            assert {k: v for k, v in counted.items() if v["visits"]} == {
                k: v for k, v in raw.items() if v["visits"]
            }, (when, group)
            visits_only = selectors.visit_counts(when, offers=offers, group=group, citizens=False)
            assert {k: v["visits"] for k, v in visits_only.items() if v["visits"]} == {
                k: v["visits"] for k, v in raw.items() if v["visits"]
            }, (when, group)
    assert selectors.weekly_counts(period, offers=amager) == _raw_weeks(period, amager)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_groups_with_their_total_equal_counting_raw_visits(year_end_visits, period):
    """The total counts a citizen who came to two groups once (issue 22: one query)."""
    world = year_end_visits
    amager = Offer.objects.filter(district=world.amager)
    for offers, group in [
        (amager, ("offer",)),
        (None, ("offer__district",)),
        (None, ("offer__track", "offer__district")),
    ]:
        for when in (period, period.previous_year):
            expected = {**_raw(when, offers, group), **_raw(when, offers, ())}
            counted = selectors.visit_counts(when, offers=offers, group=group, total=True)
            assert counted == {k: v for k, v in expected.items() if v["visits"]}, (when, group)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GROUPING SETS on PostgreSQL")
def test_on_postgresql_the_groups_and_their_total_are_one_query(
    year_end_visits, django_assert_num_queries
):
    period = Period(_day(2025, 12, 2), _day(2026, 12, 1))
    with django_assert_num_queries(1):
        counted = selectors.visit_counts(period, group=("offer",), total=True)
    assert () in counted
    assert len(counted) == 4


def test_week_53_is_one_week_across_the_year_end(year_end_visits):
    weeks = selectors.weekly_counts(Period(_day(2026, 12, 1), _day(2027, 1, 31)))
    assert _day(2026, 12, 28) in weeks
    assert _day(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    assert all(monday.weekday() == 0 for monday in weeks)


def test_the_triggers_are_on_the_visits_table(db):
    """A schema without them would let every write drift from the months silently."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'citizens_visit'::regclass "
                "AND tgname = 'citizens_visit_month_sync'"
            )
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'citizens_visit'"
            )
            assert cursor.fetchone()[0] == 3


def test_the_benchmark_seeding_fills_the_visit_months(db):
    """The city data set is loaded by COPY with the triggers deferred, then summed once."""
    from astnet.demo import city

    city.seed_city(offers=3, citizens=30, visits=400, days=120)

    assert VisitMonth.objects.exists()
    assert_in_step()


def test_a_database_without_the_triggers_is_refused_not_left_to_drift():
    from django.core.exceptions import ImproperlyConfigured

    from citizens.visit_months import sql

    with pytest.raises(ImproperlyConfigured):
        sql.create_triggers("mysql")
