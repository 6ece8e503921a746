"""Running a workshop: the list, set-up (workshop, themes, tables, milestones) and deletes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from astnet import access
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from workshops import access as workshop_access
from workshops import selectors, services
from workshops.forms import (
    MilestoneForm,
    TableForm,
    ThemeForm,
    WorkshopForm,
)
from workshops.models import Milestone, Table, Workshop
from workshops.views.confirm import confirm_delete


@access.require_role(*workshop_access.WORKSHOP_ROLES)
def workshop_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.workshop_list(user=request.user), 25).get_page(
        request.GET.get("side")
    )
    can_create = workshop_access.may_run_workshops(request.user)
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
    workshop_access.require_run(request.user, workshop)
    return _workshop_form_page(request, workshop)


@access.require_role(*workshop_access.WORKSHOP_ROLES)
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk)
    can_facilitate = workshop_access.may_facilitate(request.user, workshop)
    can_manage = workshop_access.may_run(request.user, workshop)
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
    workshop_access.require_run(request.user, workshop)
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


@access.require_role(*workshop_access.FACILITATORS)
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


@access.require_role(Role.LEADER)
def workshop_delete(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    workshop_access.require_run(request.user, workshop)
    return confirm_delete(
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


@access.require_role(*workshop_access.FACILITATORS)
def table_delete(request: HttpRequest, pk: int, table_pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    table = access.get_in_scope(
        request.user, Table.objects.filter(workshop=workshop), "change", pk=table_pk
    )
    return confirm_delete(
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
    workshop_access.require_run(request.user, workshop)
    return _milestone_form_page(request, workshop, Milestone(process=workshop.process))


@access.require_role(Role.LEADER)
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    workshop_access.require_run(request.user, workshop)
    return _milestone_form_page(request, workshop, _milestone_of(request, workshop, milestone_pk))


@access.require_role(Role.LEADER)
def milestone_delete(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    workshop_access.require_run(request.user, workshop)
    milestone = _milestone_of(request, workshop, milestone_pk)
    return confirm_delete(
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
