"""Factories for the records the rights tests read, export and anonymise."""

import datetime

import factory

from citizens.models import Consent, ExpectationTalk, FollowUp, Outreach
from tests.factories import CitizenFactory, OfferFactory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    citizen = factory.SubFactory(CitizenFactory)
    kind = Consent.Kind.FOLLOW_UP


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectationTalk

    citizen = factory.SubFactory(CitizenFactory)
    offer = factory.SubFactory(OfferFactory)
    held_on = factory.LazyFunction(datetime.date.today)
    wishes_and_goals = "Jeg vil gerne male igen og møde nogen at snakke med."
    what_helps = "Ro og en kop kaffe."
    follow_up_consent_asked = True
    follow_up_consent_given = True


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    citizen = factory.SubFactory(CitizenFactory)
    offer = factory.SubFactory(OfferFactory)
    opened_on = factory.LazyFunction(datetime.date.today)


class OutreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outreach

    citizen = factory.SubFactory(CitizenFactory)
    on = factory.LazyFunction(datetime.date.today)
    outcome = Outreach.Outcome.MESSAGE_LEFT
    note = "Lagt besked hos søsteren."
