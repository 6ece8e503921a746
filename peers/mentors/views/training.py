"""The training coordinator's pages: cohorts and their registers,
certification, mentors, placements and the yearly target."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from astnet import access
from astnet.forms import add_service_error
from astnet.models import Role
from peers.mentors import access as mentor_access
from peers.mentors import selectors, services
from peers.mentors.forms import (
    CohortForm,
    MentorCreateForm,
    MentorEditForm,
    ParticipantForm,
    PlacementEndForm,
    PlacementForm,
    SessionForm,
    YearlyTargetForm,
)
from peers.mentors.models import Participation, PeerMentor, Placement
from peers.mentors.views.base import GET_POST, coordinator_required, form_page, paginate

# --- cohorts and registers (the coordinator) ----------------------------------------------------


@require_GET
@coordinator_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.cohort_list(user=request.user))
    return render(request, "peers/mentors/cohort_list.html", {"page": page})


@GET_POST
@coordinator_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None)
    if form.is_valid():
        try:
            cohort = services.cohort_create(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Holdet er oprettet."))
            return redirect("mentors:cohort_detail", cohort.pk)
    return form_page(
        request, form, title=_("Opret uddannelseshold"), cancel_url=reverse("mentors:cohorts")
    )


@require_GET
@coordinator_required
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort_get(user=request.user, pk=pk, action="change")
    modules, rows = selectors.cohort_progress(cohort=cohort)
    context = {
        "cohort": cohort,
        "modules": modules,
        "rows": rows,
        "sessions": cohort.sessions.select_related("module"),
        "trainers": cohort.trainers.all(),
        "participant_form": ParticipantForm(cohort=cohort),
        "session_form": SessionForm(cohort=cohort),
    }
    return render(request, "peers/mentors/cohort_detail.html", context)


@GET_POST
@coordinator_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort_get(user=request.user, pk=pk, action="change")
    form = ParticipantForm(request.POST or None, cohort=cohort)
    if form.is_valid():
        try:
            services.participation_add(
                by=request.user, cohort=cohort, mentor=form.cleaned_data["mentor"], request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Peer-vejlederen er sat på holdet."))
            return redirect("mentors:cohort_detail", cohort.pk)
    return form_page(
        request,
        form,
        title=_("Sæt en peer-vejleder på %(cohort)s") % {"cohort": cohort.name},
        cancel_url=reverse("mentors:cohort_detail", args=[cohort.pk]),
    )


@GET_POST
@coordinator_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.cohort_get(user=request.user, pk=pk, action="change")
    form = SessionForm(request.POST or None, cohort=cohort)
    if form.is_valid():
        try:
            session = services.session_create(
                by=request.user, cohort=cohort, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Modulgangen er oprettet. Registrér fremmødet."))
            return redirect("mentors:session_register", session.pk)
    return form_page(
        request,
        form,
        title=_("Opret modulgang for %(cohort)s") % {"cohort": cohort.name},
        cancel_url=reverse("mentors:cohort_detail", args=[cohort.pk]),
    )


@require_GET
@coordinator_required
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk, action="change")
    context = {"session": session, "rows": selectors.session_register(session=session)}
    return render(request, "peers/mentors/session_register.html", context)


@require_POST
@coordinator_required
def attendance_toggle(request: HttpRequest, pk: int, participation_id: int) -> HttpResponse:
    """One tap per participant: mark present or absent. htmx swaps the row; without JavaScript
    the register page comes back."""
    session = selectors.session_get(user=request.user, pk=pk, action="change")
    participation = access.get_in_scope(
        request.user,
        Participation.objects.select_related("mentor__user"),
        "change",
        pk=participation_id,
        cohort=session.cohort,
    )
    present = request.POST.get("present") == "1"
    services.attendance_set(
        by=request.user,
        session=session,
        participation=participation,
        present=present,
        request=request,
    )
    name = str(participation.mentor)
    announcement = (
        _("%(name)s er registreret som til stede.")
        if present
        else _("%(name)s er registreret som fraværende.")
    ) % {"name": name}
    if not request.htmx:
        messages.success(request, announcement)
        return redirect("mentors:session_register", session.pk)
    context = {
        "session": session,
        "row": selectors.register_row(session=session, participation=participation),
        "announcement": announcement,
    }
    return render(request, "peers/mentors/session_register.html#row-update", context)


# --- mentors, certification and placements -------------------------------------------------------


@require_GET
@coordinator_required
def certification_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.mentor_list(user=request.user))
    page.object_list = selectors.with_certification(page.object_list)
    return render(request, "peers/mentors/certification_list.html", {"page": page})


@GET_POST
@coordinator_required
def mentor_create(request: HttpRequest) -> HttpResponse:
    form = MentorCreateForm(request.POST or None)
    if form.is_valid():
        try:
            services.peer_mentor_create(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Peer-vejlederen er oprettet med sin egen brugerkonto."))
            return redirect("mentors:certification")
    return form_page(
        request,
        form,
        title=_("Opret peer-vejleder"),
        intro=_("Peer-vejlederen får sin egen brugerkonto og ser kun sine egne oplysninger."),
        cancel_url=reverse("mentors:certification"),
    )


@GET_POST
@coordinator_required
def mentor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mentor = access.get_in_scope(
        request.user, PeerMentor.objects.select_related("user"), "change", pk=pk
    )
    form = MentorEditForm(request.POST or None, instance=mentor)
    if form.is_valid():
        try:
            services.peer_mentor_update(
                by=request.user, mentor=mentor, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Peer-vejlederen er opdateret."))
            return redirect("mentors:certification")
    return form_page(
        request,
        form,
        title=_("Ret %(name)s") % {"name": mentor},
        cancel_url=reverse("mentors:certification"),
    )


@require_GET
@coordinator_required
def placement_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.placement_list(user=request.user))
    return render(request, "peers/mentors/placement_list.html", {"page": page})


@GET_POST
@coordinator_required
def placement_create(request: HttpRequest) -> HttpResponse:
    form = PlacementForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_create(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Placeringen er oprettet."))
            return redirect("mentors:placements")
    return form_page(
        request, form, title=_("Opret placering"), cancel_url=reverse("mentors:placements")
    )


@GET_POST
@coordinator_required
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    placement = access.get_in_scope(
        request.user, Placement.objects.select_related("mentor__user", "offer"), "change", pk=pk
    )
    form = PlacementEndForm(request.POST or None, initial={"end": timezone.localdate()})
    if form.is_valid():
        try:
            services.placement_end(
                by=request.user, placement=placement, end=form.cleaned_data["end"], request=request
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Placeringen er afsluttet."))
            return redirect("mentors:placements")
    return form_page(
        request,
        form,
        title=_("Afslut %(mentor)s på %(offer)s")
        % {"mentor": placement.mentor, "offer": placement.offer.name},
        cancel_url=reverse("mentors:placements"),
    )


@GET_POST
@access.require_role(Role.LEADER, Role.TRAINING_COORDINATOR, Role.ADMINISTRATION)
def yearly_target(request: HttpRequest) -> HttpResponse:
    """Trained this year against the target. The coordinator sets targets; administration reads
    the aggregate; other leaders are refused."""
    coordinator = mentor_access.is_training_coordinator(request.user)
    if not mentor_access.may_read_yearly_target(request.user):
        messages.info(request, _("Siden er for uddannelseskoordinatoren for peer-vejledere."))
        return redirect("mentors:index")
    form = None
    if coordinator:
        form = YearlyTargetForm(request.POST or None, initial={"year": timezone.localdate().year})
        if form.is_valid():
            services.yearly_target_set(
                by=request.user,
                year=form.cleaned_data["year"],
                target_trained=form.cleaned_data["target_trained"],
                request=request,
            )
            messages.success(request, _("Årsmålet er gemt."))
            return redirect("mentors:target")
    elif request.method == "POST":
        raise PermissionDenied
    overview = selectors.yearly_target_overview(user=request.user)
    return render(request, "peers/mentors/target.html", {"overview": overview, "form": form})
