"""Factories for workshops: the smallest valid process, workshop, table and input."""

import factory
from django.utils import timezone

from tests.factories import DistrictFactory
from workshops.models import Input, Process, Scenario, Table, Theme, ThemeQuestion, Workshop


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Fremtidens AST {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Tema {n}")
    order = factory.Sequence(lambda n: n)


class ThemeQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeQuestion

    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Spørgsmål {n}?")


class WorkshopFactory(factory.django.DjangoModelFactory):
    """A workshop today, without start or end time: it runs all day, so voting is open."""

    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    date = factory.LazyFunction(timezone.localdate)
    dots_per_participant = 3

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table

    workshop = factory.SubFactory(WorkshopFactory)
    number = factory.Sequence(lambda n: n + 1)


class InputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Input

    table = factory.SubFactory(TableFactory)
    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Input {n}")


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    process = factory.SubFactory(ProcessFactory)
    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Scenarie {n}")
