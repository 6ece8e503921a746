"""Reads for workshop pages, the big screen, the synthesis and the PDFs, scoped via astnet.access."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from astnet import access
from workshops.models import Dot, Input, Scenario, ScenarioPoint, Table, Tag, Theme, Workshop


def workshop_list(*, user) -> QuerySet[Workshop]:
    return (
        access.scope(user, Workshop)
        .select_related("process", "district")
        .annotate(input_count=Count("tables__inputs"))
        .order_by("-date", "title")
    )


def workshop_detail(*, user, pk: int, action: access.ScopeAction = "view") -> Workshop:
    return access.get_in_scope(
        user,
        Workshop.objects.select_related("process", "district", "voting_round").prefetch_related(
            "programme",
            "tables",
            Prefetch("themes", queryset=Theme.objects.prefetch_related("questions")),
        ),
        action,
        pk=pk,
    )


def _inputs(workshop: Workshop) -> QuerySet[Input]:
    return (
        Input.objects.filter(table__workshop=workshop)
        .select_related("table", "theme", "question")
        .prefetch_related("tags")
    )


@dataclass
class ThemeGroup:
    theme: Theme
    inputs: list[Input] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.inputs)


def inputs_by_theme(*, workshop: Workshop) -> list[ThemeGroup]:
    """Every theme on the agenda (also those without inputs yet) with its inputs, oldest first."""
    groups = {theme.pk: ThemeGroup(theme) for theme in workshop.themes.all()}
    for item in _inputs(workshop).order_by("created_at", "pk"):
        groups.setdefault(item.theme_id, ThemeGroup(item.theme)).inputs.append(item)
    return list(groups.values())


def recent_inputs(*, workshop: Workshop, limit: int = 10) -> list[Input]:
    return list(_inputs(workshop).order_by("-created_at", "-pk")[:limit])


def tag_counts(*, workshop: Workshop) -> QuerySet[Tag]:
    return (
        Tag.objects.filter(inputs__table__workshop=workshop)
        .annotate(input_count=Count("inputs", filter=Q(inputs__table__workshop=workshop)))
        .order_by("-input_count", "name")
    )


@dataclass
class PriorityResult:
    ballots: int
    themes: list[Theme]
    inputs: list[Input]


def priority_result(*, workshop: Workshop) -> PriorityResult:
    """Dots per theme and per input, most dots first; items without dots are left out."""
    themes = (
        workshop.themes.annotate(
            dot_total=Sum("dots__count", filter=Q(dots__ballot__workshop=workshop))
        )
        .filter(dot_total__gt=0)
        .order_by("-dot_total", "order")
    )
    inputs = (
        Input.objects.filter(table__workshop=workshop)
        .select_related("theme", "table")
        .annotate(dot_total=Sum("dots__count"))
        .filter(dot_total__gt=0)
        .order_by("-dot_total", "pk")
    )
    return PriorityResult(
        ballots=workshop.ballots.count(), themes=list(themes), inputs=list(inputs)
    )


def workshop_tables(*, workshop: Workshop):
    return workshop.tables.annotate(input_count=Count("inputs")).order_by("number")


def scenario_list(*, user, workshop: Workshop) -> QuerySet[Scenario]:
    """The scenarios of the workshop's district in its process."""
    return (
        access.scope(user, Scenario)
        .filter(process=workshop.process_id, district=workshop.district_id)
        .annotate(input_count=Count("inputs"))
        .order_by("title")
    )


def scenario_candidate_inputs(*, process_id: int, district_id: int) -> QuerySet[Input]:
    """Inputs a scenario may draw on: every workshop of the same process in the same district."""
    return (
        Input.objects.filter(
            table__workshop__process=process_id, table__workshop__district=district_id
        )
        .select_related("theme", "table__workshop")
        .order_by("theme__order", "theme_id", "table__workshop__date", "pk")
    )


def scenarios_for_comparison(*, user, process_id: int, district_id: int) -> QuerySet[Scenario]:
    return (
        access.scope(user, Scenario)
        .filter(process=process_id, district=district_id)
        .select_related("process", "district")
        .prefetch_related(
            Prefetch("points", queryset=ScenarioPoint.objects.order_by("order", "pk")),
            Prefetch("inputs", queryset=Input.objects.select_related("theme")),
        )
        .order_by("title")
    )


def points_by_kind(scenario: Scenario) -> list[tuple[str, list[ScenarioPoint]]]:
    """The four SWOT lists in their fixed order, from prefetched points."""
    return [
        (label, [p for p in scenario.points.all() if p.kind == kind])
        for kind, label in ScenarioPoint.Kind.choices
    ]


@dataclass
class DeleteEffects:
    """What else goes when something is deleted, for the confirmation page."""

    programme: int = 0
    tables: int = 0
    inputs: int = 0
    ballots: int = 0
    dots: int = 0
    points: int = 0
    # Scenarios that stay but lose inputs they draw on, each with `lost` = how many.
    scenarios: list[Scenario] = field(default_factory=list)
    # Scenarios chosen for the committee that block the delete.
    blocking: list[Scenario] = field(default_factory=list)


def _input_effects(effects: DeleteEffects, inputs: QuerySet[Input]) -> DeleteEffects:
    effects.inputs = inputs.count()
    effects.dots = Dot.objects.filter(input__in=inputs).aggregate(total=Sum("count"))["total"] or 0
    effects.scenarios = list(
        Scenario.objects.filter(inputs__in=inputs)
        .annotate(lost=Count("inputs", filter=Q(inputs__in=inputs)))
        .order_by("title")
    )
    effects.blocking = [s for s in effects.scenarios if s.status == Scenario.Status.CHOSEN]
    return effects


def workshop_delete_effects(*, workshop: Workshop) -> DeleteEffects:
    effects = _input_effects(DeleteEffects(), Input.objects.filter(table__workshop=workshop))
    effects.programme = workshop.programme.count()
    effects.tables = workshop.tables.count()
    effects.ballots = workshop.ballots.count()
    # Dots on themes go with the ballots too.
    effects.dots = (
        Dot.objects.filter(ballot__workshop=workshop).aggregate(total=Sum("count"))["total"] or 0
    )
    return effects


def table_delete_effects(*, table: Table) -> DeleteEffects:
    return _input_effects(DeleteEffects(), table.inputs.all())


def scenario_delete_effects(*, scenario: Scenario) -> DeleteEffects:
    effects = DeleteEffects(points=scenario.points.count())
    if scenario.status == Scenario.Status.CHOSEN:
        effects.blocking = [scenario]
    return effects


@dataclass
class Comparison:
    """A district's scenarios side by side: one row per SWOT kind, one column per scenario."""

    scenarios: list[Scenario]
    rows: list[tuple[str, list[list[ScenarioPoint]]]]


def scenario_comparison(*, user, process_id: int, district_id: int) -> Comparison:
    scenarios = list(
        scenarios_for_comparison(user=user, process_id=process_id, district_id=district_id)
    )
    lists = [points_by_kind(scenario) for scenario in scenarios]
    rows = [
        (label, [scenario_lists[index][1] for scenario_lists in lists])
        for index, (_kind, label) in enumerate(ScenarioPoint.Kind.choices)
    ]
    return Comparison(scenarios=scenarios, rows=rows)
