"""Factories for the citizens app's own models (Citizen and Visit are in tests/factories.py)."""

import datetime

import factory

from citizens.models import Consent, ExpectationTalk, FollowUp
from tests.factories import CitizenFactory, OfferFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    citizen = factory.SubFactory(CitizenFactory)
    kind = Consent.Kind.FOLLOW_UP


class ExpectationTalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectationTalk

    citizen = factory.SubFactory(CitizenFactory)
    offer = factory.SubFactory(OfferFactory)
    held_on = factory.LazyFunction(datetime.date.today)
    wishes_and_goals = "At komme ud blandt andre."
    follow_up_consent_asked = True
    follow_up_consent_given = False


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    citizen = factory.SubFactory(CitizenFactory)
    offer = factory.SubFactory(OfferFactory)
    opened_on = factory.LazyFunction(datetime.date.today)
