"""The rules the database and the models keep, whatever page or script writes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from offers.models import Activity, OpeningHours
from tests.offers.factories import ActivityFactory, OpeningHoursFactory


@pytest.mark.parametrize(
    "fields",
    [
        {"start_time": datetime.time(15), "end_time": datetime.time(13)},
        {"capacity": 0},
        {"price_ore": -100},
        {"weekday": None},
        {"schedule": Activity.Schedule.ONCE, "date": None},
        {"ends_on": datetime.date(2023, 1, 1)},
    ],
)
def test_the_database_refuses_an_impossible_activity(world, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(offer=world.nabo, **fields)


def test_the_database_refuses_opening_hours_that_close_before_they_open(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHoursFactory(offer=world.nabo, opens=datetime.time(16), closes=datetime.time(10))


def test_overlapping_opening_periods_are_refused_in_danish(world):
    OpeningHoursFactory(
        offer=world.nabo, weekday=2, opens=datetime.time(10), closes=datetime.time(16)
    )
    overlapping = OpeningHours(
        offer=world.nabo, weekday=2, opens=datetime.time(15), closes=datetime.time(20)
    )
    touching = OpeningHours(
        offer=world.nabo, weekday=2, opens=datetime.time(16), closes=datetime.time(20)
    )

    with pytest.raises(ValidationError, match="overlapper"):
        overlapping.full_clean()
    touching.full_clean()


def test_a_weekly_activity_occurs_on_its_weekday_within_its_period(world):
    activity = ActivityFactory.build(
        offer=world.nabo,
        weekday=1,
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
    )

    assert activity.occurs_on(datetime.date(2026, 11, 24))
    assert not activity.occurs_on(datetime.date(2026, 11, 25))
    assert not activity.occurs_on(datetime.date(2026, 12, 1))
