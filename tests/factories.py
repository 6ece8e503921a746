"""Factories for test data: one per model, with the smallest valid defaults."""

import datetime

import factory
from django.contrib.auth import get_user_model

from astnet import municipality
from astnet.models import Membership, Municipality, Role
from citizens.models import Citizen, Visit
from offers.models import District, Offer, Track
from peers.models import Council

TEST_PASSWORD = "Korrekt-Hest-Batteri-42"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Center {n}")
    slug = factory.Sequence(lambda n: f"center-{n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    name = factory.Sequence(lambda n: f"Spor {n}")
    slug = factory.Sequence(lambda n: f"spor-{n}")
    lead_district = factory.SubFactory(DistrictFactory)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    name = factory.Sequence(lambda n: f"Værested {n}")
    slug = factory.Sequence(lambda n: f"vaerested-{n}")
    district = factory.SubFactory(DistrictFactory)
    address = factory.Sequence(lambda n: f"Testvej {n}")
    status = Offer.Status.OPEN


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Brugerråd {n}")
    kind = Council.Kind.USERS_COUNCIL
    scope = Council.Scope.OFFER
    offer = factory.SubFactory(OfferFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.STAFF
    offer = factory.SubFactory(OfferFactory)


def member(role: str, *, offer=None, district=None, council=None, **user_fields):
    """A user holding `role` at the given place."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, role=role, offer=offer, district=district, council=council)
    return user


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen
        skip_postgeneration_save = True

    chosen_name = factory.Faker("first_name", locale="da_DK")
    birth_year = 1980

    @factory.post_generation
    def home_offers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.home_offers.set(extracted)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    citizen = factory.SubFactory(CitizenFactory)
    offer = factory.SubFactory(OfferFactory)
    day = factory.LazyFunction(datetime.date.today)


COPENHAGEN = {
    "name": "København",
    "administration": "Københavns Kommune, Socialforvaltningen",
    "committee": "Socialudvalget",
    "whole": "byen",
    "area": "bydel",
    "area_plural": "bydele",
    "area_definite": "bydelen",
    "area_plural_definite": "bydelene",
}


def copenhagen() -> Municipality:
    """The municipality record with Copenhagen's words, as the world of the tests is Copenhagen's;
    read once so the test starts from the warm cache, as production does."""
    Municipality.objects.update_or_create(pk=1, defaults=COPENHAGEN)
    return municipality.current()
