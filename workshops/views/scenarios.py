"""After the day: the synthesis, the district's scenarios and their comparison."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from astnet import access
from astnet.forms import add_service_error
from astnet.models import Role
from workshops import access as workshop_access
from workshops import selectors, services
from workshops.forms import (
    ScenarioForm,
)
from workshops.models import Process, Scenario, Workshop
from workshops.views.confirm import confirm_delete


@access.require_role(*workshop_access.WORKSHOP_ROLES)
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk)
    can_manage = workshop_access.may_run(request.user, workshop)
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
    workshop_access.require_run(request.user, workshop)
    scenario = Scenario(process=workshop.process, district=workshop.district)
    return _scenario_form_page(request, scenario, workshop)


@access.require_role(Role.LEADER)
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.get_in_scope(
        request.user, Scenario.objects.select_related("process", "district"), "change", pk=pk
    )
    return _scenario_form_page(request, scenario, None)


@access.require_role(Role.LEADER)
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = access.get_in_scope(
        request.user, Scenario.objects.select_related("process", "district"), "change", pk=pk
    )
    comparison_url = reverse(
        "workshops:scenario_comparison", args=[scenario.process_id, scenario.district_id]
    )
    return confirm_delete(
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


@access.require_role(*workshop_access.WORKSHOP_ROLES)
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
    can_manage = workshop_access.may_run_in_district(request.user, district.pk)
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
