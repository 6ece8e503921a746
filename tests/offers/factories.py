"""Factories for opening hours, exceptions, target groups and activities."""

import datetime

import factory

from offers.models import Activity, OpeningException, OpeningHours, TargetGroup
from tests.factories import OfferFactory


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Målgruppe {n}")
    slug = factory.Sequence(lambda n: f"maalgruppe-{n}")


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    offer = factory.SubFactory(OfferFactory)
    weekday = 0
    opens = datetime.time(10)
    closes = datetime.time(16)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    offer = factory.SubFactory(OfferFactory)
    date = factory.LazyFunction(datetime.date.today)
    closed = True
    reason = "Personaledag"


class ActivityFactory(factory.django.DjangoModelFactory):
    """A weekly activity on Tuesdays that began long ago and keeps going."""

    class Meta:
        model = Activity

    offer = factory.SubFactory(OfferFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    kind = Activity.Kind.WORKSHOP
    schedule = Activity.Schedule.WEEKLY
    weekday = 1
    starts_on = datetime.date(2024, 1, 1)
    start_time = datetime.time(13)
    end_time = datetime.time(15)
