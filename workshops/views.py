"""Workshop pages: set-up, live input from the tables, the big screen, synthesis and scenarios."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from astnet import access, qr
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from offers.models import District
from workshops import selectors, services
from workshops.forms import (
    InputForm,
    MilestoneForm,
    ScenarioForm,
    TableForm,
    ThemeForm,
    WorkshopForm,
)
from workshops.models import Input, Milestone, Process, Scenario, Table, Workshop

FACILITATORS = (Role.STAFF, Role.LEADER)


def _leader_of(request: HttpRequest, workshop: Workshop) -> None:
    """Leaders run the workshops of their own district; anyone else gets 404 as for any object."""
    access.get_in_scope(request.user, District, "change", pk=workshop.district_id)


@access.require_role(*access.WORKSHOP_ROLES)
def workshop_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.workshop_list(user=request.user), 25).get_page(
        request.GET.get("side")
    )
    can_create = access.scope(request.user, District, "change").exists()
    return render(request, "workshops/list.html", {"page": page, "can_create": can_create})


def _workshop_form_page(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    form = WorkshopForm(request.POST or None, instance=workshop, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.workshop_save(
                by=request.user,
                workshop=form.save(commit=False),
                themes=list(form.cleaned_data["themes"]),
                programme=form.cleaned_data["programme_text"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Workshoppen er gemt."))
            return redirect("workshops:detail", pk=saved.pk)
    return render(request, "workshops/form.html", {"form": form, "workshop": workshop})


@access.require_role(Role.LEADER)
def workshop_create(request: HttpRequest) -> HttpResponse:
    return _workshop_form_page(request, Workshop())


@access.require_role(Role.LEADER)
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    return _workshop_form_page(request, workshop)


@access.require_role(*access.WORKSHOP_ROLES)
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk)
    can_facilitate = access.scope(request.user, Workshop, "change").filter(pk=pk).exists()
    can_manage = (
        access.scope(request.user, District, "change").filter(pk=workshop.district_id).exists()
    )
    return render(
        request,
        "workshops/detail.html",
        {
            "workshop": workshop,
            "milestones": workshop.process.milestones.all(),
            "tables": selectors.workshop_tables(workshop=workshop),
            "table_form": TableForm(workshop=workshop, initial={"number": _next_number(workshop)}),
            "theme_form": ThemeForm(workshop=workshop),
            "can_facilitate": can_facilitate,
            "can_manage": can_manage,
        },
    )


@access.require_role(Role.LEADER)
def theme_create(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    form = ThemeForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_add(
                by=request.user,
                workshop=workshop,
                title=form.cleaned_data["title"],
                questions=form.cleaned_data["questions"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Temaet er tilføjet."))
            return redirect("workshops:detail", pk=workshop.pk)
    return render(request, "workshops/theme_form.html", {"workshop": workshop, "form": form})


def _next_number(workshop: Workshop) -> int:
    return max((t.number for t in workshop.tables.all()), default=0) + 1


@access.require_role(*FACILITATORS)
def table_form(request: HttpRequest, pk: int, table_pk: int | None = None) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    table = (
        access.get_in_scope(
            request.user, Table.objects.filter(workshop=workshop), "change", pk=table_pk
        )
        if table_pk
        else Table(workshop=workshop)
    )
    form = TableForm(
        request.POST or None,
        instance=table,
        workshop=workshop,
        initial=None if table_pk else {"number": _next_number(workshop)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.table_save(by=request.user, table=form.save(commit=False), request=request)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Bordet er gemt."))
            return redirect("workshops:detail", pk=workshop.pk)
    return render(
        request, "workshops/table_form.html", {"workshop": workshop, "form": form, "table": table}
    )


def _live_context(workshop: Workshop, form: InputForm) -> dict:
    return {
        "workshop": workshop,
        "form": form,
        "recent": selectors.recent_inputs(workshop=workshop),
    }


@access.require_role(*FACILITATORS)
def live(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's page: pick table and theme once, then type one input per line."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    if request.method == "POST":
        form = InputForm(request.POST, workshop=workshop)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.input_add(
                    by=request.user,
                    table=data["table"],
                    theme=data["theme"],
                    question=data["question"],
                    text=data["text"],
                    tags=services.tag_names(data["tags"]),
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                kept = {
                    "table": data["table"].pk,
                    "theme": data["theme"].pk,
                    "question": data["question"].pk if data["question"] else "",
                }
                if request.htmx:
                    form = InputForm(initial=kept, workshop=workshop)
                    context = _live_context(workshop, form) | {"saved": True}
                    return render(request, "workshops/live.html#entry", context)
                messages.success(request, _("Input er gemt."))
                query = "&".join(f"{key}={value}" for key, value in kept.items())
                return redirect(f"{reverse('workshops:live', args=[workshop.pk])}?{query}")
        template = "workshops/live.html#entry" if request.htmx else "workshops/live.html"
        return render(request, template, _live_context(workshop, form))
    initial = {key: request.GET.get(key) for key in ("table", "theme", "question")}
    form = InputForm(initial=initial, workshop=workshop)
    return render(request, "workshops/live.html", _live_context(workshop, form))


@access.require_role(*FACILITATORS)
def input_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_in_scope(
        request.user, Input.objects.select_related("table__workshop", "theme"), "change", pk=pk
    )
    workshop = item.table.workshop
    if request.method == "POST":
        services.input_delete(by=request.user, item=item, request=request)
        messages.success(request, _("Input er slettet."))
        return redirect("workshops:live", pk=workshop.pk)
    return render(
        request, "workshops/input_confirm_delete.html", {"item": item, "workshop": workshop}
    )


@access.require_role(*FACILITATORS)
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The big screen in the room: inputs arriving, grouped by theme, and the voting code with a QR
    code that opens /stem/ with the code filled in. `?fuld=1` is the projector's full-screen mode:
    no navigation, no "Logget ind som", text of 32 px and more (issue 20)."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    vote_url = request.build_absolute_uri(reverse("workshops:vote_start"))
    context = {
        "workshop": workshop,
        "groups": selectors.inputs_by_theme(workshop=workshop),
        "vote_url": vote_url,
        "full_screen": request.GET.get("fuld") == "1",
    }
    if workshop.voting_open:
        context["vote_qr"] = qr.data_uri(f"{vote_url}?{urlencode({'kode': workshop.voting_code})}")
    template = "workshops/screen.html#board" if request.htmx else "workshops/screen.html"
    return render(request, template, context)


@access.require_role(*access.WORKSHOP_ROLES)
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk)
    can_manage = (
        access.scope(request.user, District, "change").filter(pk=workshop.district_id).exists()
    )
    return render(
        request,
        "workshops/synthesis.html",
        {
            "workshop": workshop,
            "groups": selectors.inputs_by_theme(workshop=workshop),
            "tags": selectors.tag_counts(workshop=workshop),
            "priority": selectors.priority_result(workshop=workshop),
            "scenarios": selectors.scenario_list(user=request.user, workshop=workshop),
            "can_manage": can_manage,
        },
    )


def _scenario_form_page(request: HttpRequest, scenario: Scenario, workshop: Workshop | None):
    candidates = selectors.scenario_candidate_inputs(
        process_id=scenario.process_id, district_id=scenario.district_id
    )
    form = ScenarioForm(request.POST or None, instance=scenario, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.scenario_save(
                by=request.user,
                scenario=form.save(commit=False),
                inputs=list(form.cleaned_data["inputs"]),
                points=form.points(),
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Scenariet er gemt."))
            return redirect("workshops:scenario_edit", pk=saved.pk)
    return render(
        request,
        "workshops/scenario_form.html",
        {
            "form": form,
            "scenario": scenario,
            "workshop": workshop,
        },
    )


@access.require_role(Role.LEADER)
def scenario_create(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    scenario = Scenario(process=workshop.process, district=workshop.district)
    return _scenario_form_page(request, scenario, workshop)


@access.require_role(Role.LEADER)
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.get_in_scope(
        request.user, Scenario.objects.select_related("process", "district"), "change", pk=pk
    )
    return _scenario_form_page(request, scenario, None)


def _confirm_delete(request: HttpRequest, *, context: dict, delete, done_url: str, done: str):
    """The confirmation page before a delete: what goes with it, or why it may not go.
    `delete` raises ValidationError to refuse; the page then shows why and nothing is changed."""
    error = None
    if request.method == "POST":
        try:
            delete()
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, done)
            return redirect(done_url)
    return render(
        request,
        "workshops/confirm_delete.html",
        context | {"error": error},
        status=409 if error else 200,
    )


@access.require_role(Role.LEADER)
def workshop_delete(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    return _confirm_delete(
        request,
        context={
            "title": _("Slet workshop"),
            "heading": _("Slet workshoppen “%(title)s”?") % {"title": workshop.title},
            "what": f"{workshop.title} · {workshop.district.name} · {format_date(workshop.date)}",
            "effects": selectors.workshop_delete_effects(workshop=workshop),
            "kind": "workshop",
            "confirm": _("Ja, slet workshoppen"),
            "cancel_url": reverse("workshops:detail", args=[workshop.pk]),
        },
        delete=lambda: services.workshop_delete(
            by=request.user, workshop=workshop, request=request
        ),
        done_url=reverse("workshops:list"),
        done=_("Workshoppen er slettet."),
    )


@access.require_role(*FACILITATORS)
def table_delete(request: HttpRequest, pk: int, table_pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    table = access.get_in_scope(
        request.user, Table.objects.filter(workshop=workshop), "change", pk=table_pk
    )
    return _confirm_delete(
        request,
        context={
            "title": _("Slet bord"),
            "heading": _("Slet %(table)s?") % {"table": table},
            "what": f"{workshop.title} · {workshop.district.name}",
            "effects": selectors.table_delete_effects(table=table),
            "kind": "table",
            "confirm": _("Ja, slet bordet"),
            "cancel_url": reverse("workshops:detail", args=[workshop.pk]),
        },
        delete=lambda: services.table_delete(by=request.user, table=table, request=request),
        done_url=reverse("workshops:detail", args=[workshop.pk]),
        done=_("Bordet er slettet."),
    )


@access.require_role(Role.LEADER)
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.get_in_scope(
        request.user, Scenario.objects.select_related("process", "district"), "change", pk=pk
    )
    comparison_url = reverse(
        "workshops:scenario_comparison", args=[scenario.process_id, scenario.district_id]
    )
    return _confirm_delete(
        request,
        context={
            "title": _("Slet scenarie"),
            "heading": _("Slet scenariet “%(title)s”?") % {"title": scenario.title},
            "what": f"{scenario.district.name} · {scenario.process.name}",
            "effects": selectors.scenario_delete_effects(scenario=scenario),
            "kind": "scenario",
            "confirm": _("Ja, slet scenariet"),
            "cancel_url": reverse("workshops:scenario_edit", args=[scenario.pk]),
        },
        delete=lambda: services.scenario_delete(
            by=request.user, scenario=scenario, request=request
        ),
        done_url=comparison_url,
        done=_("Scenariet er slettet."),
    )


@access.require_role(*access.WORKSHOP_ROLES)
def scenario_comparison(request: HttpRequest, process_pk: int, district_pk: int) -> HttpResponse:
    """The district's scenarios side by side, with their SWOT lists and the inputs behind them."""
    process = access.get_in_scope(request.user, Process, pk=process_pk)
    workshops = list(
        access.scope(request.user, Workshop)
        .filter(process=process, district=district_pk)
        .select_related("district")
        .order_by("date", "title")
    )
    comparison = selectors.scenario_comparison(
        user=request.user, process_id=process.pk, district_id=district_pk
    )
    if not workshops and not comparison.scenarios:
        raise Http404
    district = workshops[0].district if workshops else comparison.scenarios[0].district
    can_manage = access.scope(request.user, District, "change").filter(pk=district.pk).exists()
    return render(
        request,
        "workshops/comparison.html",
        {
            "process": process,
            "district": district,
            "workshops": workshops,
            "comparison": comparison,
            "can_manage": can_manage,
        },
    )


def _milestone_form_page(request: HttpRequest, workshop: Workshop, milestone: Milestone):
    form = MilestoneForm(request.POST or None, instance=milestone, process=workshop.process)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(
                by=request.user, milestone=form.save(commit=False), request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Milepælen er gemt."))
            return redirect("workshops:detail", pk=workshop.pk)
    return render(
        request,
        "workshops/milestone_form.html",
        {"workshop": workshop, "milestone": milestone, "form": form},
    )


def _milestone_of(request: HttpRequest, workshop: Workshop, milestone_pk: int) -> Milestone:
    return access.get_in_scope(
        request.user,
        Milestone.objects.filter(process=workshop.process_id),
        "change",
        pk=milestone_pk,
    )


@access.require_role(Role.LEADER)
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    return _milestone_form_page(request, workshop, Milestone(process=workshop.process))


@access.require_role(Role.LEADER)
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    return _milestone_form_page(request, workshop, _milestone_of(request, workshop, milestone_pk))


@access.require_role(Role.LEADER)
def milestone_delete(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    _leader_of(request, workshop)
    milestone = _milestone_of(request, workshop, milestone_pk)
    return _confirm_delete(
        request,
        context={
            "title": _("Slet milepæl"),
            "heading": _("Slet milepælen “%(title)s”?") % {"title": milestone.title},
            "what": workshop.process.name,
            "effects": selectors.DeleteEffects(),
            "kind": "milestone",
            "confirm": _("Ja, slet milepælen"),
            "cancel_url": reverse("workshops:detail", args=[workshop.pk]),
        },
        delete=lambda: services.milestone_delete(
            by=request.user, milestone=milestone, request=request
        ),
        done_url=reverse("workshops:detail", args=[workshop.pk]),
        done=_("Milepælen er slettet."),
    )
