"""Factories for peer mentors and their training: the smallest valid rows."""

import datetime
from decimal import Decimal

import factory

from astnet.models import Membership, Role
from peers.mentors.models import (
    ExperienceTheme,
    Language,
    ModuleSession,
    Participation,
    PeerMeeting,
    PeerMentor,
    Placement,
    TrainingCohort,
    TrainingModule,
    TrainingProgramme,
)
from tests import factories as f


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgramme

    name = factory.Sequence(lambda n: f"Peer-uddannelsen {n}")


class TrainingModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingModule

    programme = factory.SubFactory(TrainingProgrammeFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Modul {n}")
    hours = 6
    required = True


class TrainingCohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCohort

    programme = factory.SubFactory(TrainingProgrammeFactory)
    name = factory.Sequence(lambda n: f"Hold {n}")
    start = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    end = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))
    seats = 12


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sprog {n}")


class ExperienceThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceTheme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Tema {n}")


class PeerMentorFactory(factory.django.DjangoModelFactory):
    """A mentor with their own login account and peer_mentor membership."""

    class Meta:
        model = PeerMentor
        skip_postgeneration_save = True

    user = factory.SubFactory(f.UserFactory)
    district = factory.SubFactory(f.DistrictFactory)

    @factory.post_generation
    def membership(obj, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(user=obj.user, role=Role.PEER_MENTOR)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    cohort = factory.SubFactory(TrainingCohortFactory)
    mentor = factory.SubFactory(PeerMentorFactory)


class ModuleSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleSession

    cohort = factory.SubFactory(TrainingCohortFactory)
    module = factory.SubFactory(
        TrainingModuleFactory, programme=factory.SelfAttribute("..cohort.programme")
    )
    date = factory.LazyFunction(datetime.date.today)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    mentor = factory.SubFactory(PeerMentorFactory)
    offer = factory.SubFactory(f.OfferFactory)
    start = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    hours_per_week = Decimal("4")
    is_training_placement = True


class PeerMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerMeeting
        skip_postgeneration_save = True

    offer = factory.SubFactory(f.OfferFactory)
    date = factory.LazyFunction(datetime.date.today)
    participants = 5
    theme = "Håb og recovery"
    logged_by = factory.SubFactory(f.UserFactory)

    @factory.post_generation
    def mentors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.mentors.set(extracted)
