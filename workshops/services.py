"""Writes for workshops: each change in one transaction with its audit event. The dot voting's
writes (voting rounds, ballots, dots, participant codes) are in `workshops.ballots`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.municipality import current as current_municipality
from workshops.models import (
    Input,
    Milestone,
    ProgrammeItem,
    Scenario,
    ScenarioPoint,
    Table,
    Tag,
    Theme,
    ThemeQuestion,
    Workshop,
)


@transaction.atomic
def workshop_save(
    *,
    by,
    workshop: Workshop,
    themes: list[Theme],
    programme: list[tuple[datetime.time | None, str]],
    request: HttpRequest | None = None,
) -> Workshop:
    """Create or change a workshop with its themes and the day's programme (replaced whole)."""
    creating = workshop.pk is None
    workshop.full_clean()
    workshop.save()
    workshop.themes.set(themes)
    workshop.programme.all().delete()
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(workshop=workshop, order=order, time=time, text=text)
        for order, (time, text) in enumerate(programme)
    )
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.CHANGE,
        target=workshop,
        request=request,
    )
    return workshop


@transaction.atomic
def table_save(*, by, table: Table, request: HttpRequest | None = None) -> Table:
    creating = table.pk is None
    table.full_clean()
    table.save()
    audit_record(
        actor=by, action=Action.CREATE if creating else Action.CHANGE, target=table, request=request
    )
    return table


@transaction.atomic
def theme_add(
    *,
    by,
    workshop: Workshop,
    title: str,
    questions: list[str],
    request: HttpRequest | None = None,
) -> Theme:
    """A new theme in the workshop's process, with its questions, on the workshop's agenda."""
    last = workshop.process.themes.order_by("-order").values_list("order", flat=True).first()
    theme = Theme(process=workshop.process, title=title, order=(last or 0) + 1)
    theme.full_clean()
    theme.save()
    ThemeQuestion.objects.bulk_create(
        ThemeQuestion(theme=theme, text=text, order=order) for order, text in enumerate(questions)
    )
    workshop.themes.add(theme)
    audit_record(actor=by, action=Action.CREATE, target=theme, request=request)
    return theme


def tag_names(raw: str) -> list[str]:
    """Tags typed as "peer-to-peer, åbningstider": trimmed, without repeats, in typed order."""
    names: list[str] = []
    for part in raw.split(","):
        name = " ".join(part.split())[:100]
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def _tags(names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        tags.append(tag or Tag.objects.create(name=name))
    return tags


@transaction.atomic
def input_add(
    *,
    by,
    table: Table,
    theme: Theme,
    text: str,
    question: ThemeQuestion | None = None,
    tags: list[str] | None = None,
    request: HttpRequest | None = None,
) -> Input:
    """One line from a table. The theme must be on the workshop's agenda, the question under it."""
    if not table.workshop.themes.filter(pk=theme.pk).exists():
        raise ValidationError({"theme": _("Temaet er ikke på denne workshops program.")})
    if question is not None and question.theme_id != theme.pk:
        raise ValidationError({"question": _("Spørgsmålet hører ikke under det valgte tema.")})
    item = Input(table=table, theme=theme, question=question, text=text.strip(), created_by=by)
    item.full_clean()
    item.save()
    item.tags.set(_tags(tags or []))
    audit_record(actor=by, action=Action.CREATE, target=item, request=request)
    return item


@transaction.atomic
def input_delete(*, by, item: Input, request: HttpRequest | None = None) -> None:
    audit_record(actor=by, action=Action.DELETE, target=item, request=request)
    item.delete()


@transaction.atomic
def scenario_save(
    *,
    by,
    scenario: Scenario,
    inputs: list[Input],
    points: dict[str, list[str]],
    request: HttpRequest | None = None,
) -> Scenario:
    """Create or change a scenario; its four lists are replaced whole by `points` (kind → lines)."""
    creating = scenario.pk is None
    scenario.full_clean()
    scenario.save()
    scenario.inputs.set(inputs)
    scenario.points.all().delete()
    ScenarioPoint.objects.bulk_create(
        ScenarioPoint(scenario=scenario, kind=kind, text=text, order=order)
        for kind, lines in points.items()
        for order, text in enumerate(lines)
    )
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.CHANGE,
        target=scenario,
        request=request,
    )
    return scenario


def _chosen_scenarios_drawing_on(inputs) -> list[str]:
    return list(
        Scenario.objects.filter(status=Scenario.Status.CHOSEN, inputs__in=inputs)
        .distinct()
        .order_by("title")
        .values_list("title", flat=True)
    )


def _refuse_if_chosen_scenarios_draw_on(inputs, message: str) -> None:
    """A scenario sent to the committee keeps the inputs it was argued from: deleting them would
    change its evidence after the decision."""
    titles = _chosen_scenarios_drawing_on(inputs)
    if titles:
        raise ValidationError(
            message
            % {
                "scenarios": ", ".join(f"“{t}”" for t in titles),
                "committee": current_municipality().committee,
            }
        )


@transaction.atomic
def workshop_delete(*, by, workshop: Workshop, request: HttpRequest | None = None) -> None:
    """The workshop goes with its programme, tables, inputs and ballots; scenarios stay."""
    _refuse_if_chosen_scenarios_draw_on(
        Input.objects.filter(table__workshop=workshop),
        _(
            "Workshoppen kan ikke slettes, fordi %(scenarios)s er valgt til %(committee)s og "
            "bygger på input herfra. Fjern de input fra scenariet eller sæt det tilbage til "
            "kladde først."
        ),
    )
    audit_record(actor=by, action=Action.DELETE, target=workshop, request=request)
    workshop.delete()


@transaction.atomic
def table_delete(*, by, table: Table, request: HttpRequest | None = None) -> None:
    """The table goes with its inputs and the dots on them."""
    _refuse_if_chosen_scenarios_draw_on(
        table.inputs.all(),
        _(
            "Bordet kan ikke slettes, fordi %(scenarios)s er valgt til %(committee)s og bygger "
            "på input fra bordet. Fjern de input fra scenariet eller sæt det tilbage til kladde "
            "først."
        ),
    )
    audit_record(actor=by, action=Action.DELETE, target=table, request=request)
    table.delete()


@transaction.atomic
def scenario_delete(*, by, scenario: Scenario, request: HttpRequest | None = None) -> None:
    """The scenario goes with its four lists; the inputs it drew on stay."""
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if locked.status == Scenario.Status.CHOSEN:
        raise ValidationError(
            _(
                "Et scenarie, der er valgt til %(committee)s, kan ikke slettes. Sæt det tilbage "
                "til kladde eller fravælg det først."
            )
            % {"committee": current_municipality().committee}
        )
    audit_record(actor=by, action=Action.DELETE, target=scenario, request=request)
    locked.delete()


@transaction.atomic
def milestone_save(*, by, milestone: Milestone, request: HttpRequest | None = None) -> Milestone:
    creating = milestone.pk is None
    milestone.full_clean()
    milestone.save()
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.CHANGE,
        target=milestone,
        request=request,
    )
    return milestone


@transaction.atomic
def milestone_delete(*, by, milestone: Milestone, request: HttpRequest | None = None) -> None:
    audit_record(actor=by, action=Action.DELETE, target=milestone, request=request)
    milestone.delete()
