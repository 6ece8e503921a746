"""The peer mentors' work: the hub, a mentor's own page and meeting log, the offers' mentors,
the network across centres and supervision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from astnet import access
from astnet.audit import Action, audit_record
from astnet.forms import add_service_error
from astnet.models import Role
from offers.models import Offer
from peers.mentors import access as mentor_access
from peers.mentors import selectors, services
from peers.mentors.filters import MentorNetworkFilter
from peers.mentors.forms import PeerMeetingForm, SupervisionForm
from peers.mentors.models import PeerMentor
from peers.mentors.views.base import (
    GET_POST,
    OFFERS_PAGE_SIZE,
    coordinator_required,
    form_page,
    paginate,
)


@require_GET
@access.require_role(Role.LEADER, Role.TRAINING_COORDINATOR, Role.STAFF, Role.ADMINISTRATION)
def index(request: HttpRequest) -> HttpResponse:
    """The "Peer-vejledere" menu item: what each role may do with peer mentors."""
    context = {
        "coordinator": mentor_access.is_training_coordinator(request.user),
        "works_at_offers": mentor_access.works_at_offers(request.user),
        "city_wide": mentor_access.reads_aggregates(request.user),
    }
    return render(request, "peers/mentors/index.html", context)


# --- the mentor's own page ------------------------------------------------------------------------


@require_GET
@access.require_role(Role.PEER_MENTOR)
def own_page(request: HttpRequest) -> HttpResponse:
    mentor = selectors.own_mentor(user=request.user)
    if mentor is None:
        return render(request, "peers/mentors/own_missing.html")
    today = timezone.localdate()
    context = {
        "mentor": selectors.with_certification([mentor])[0],
        "progress": selectors.own_progress(mentor=mentor),
        "placements": selectors.own_placements(mentor=mentor),
        "upcoming": selectors.upcoming_meetings(mentor=mentor, today=today)[:10],
        "held": paginate(request, selectors.held_meetings(mentor=mentor), 10),
        "supervisions": selectors.supervision_list(user=request.user)[:5],
    }
    return render(request, "peers/mentors/own_page.html", context)


@GET_POST
@access.require_role(Role.PEER_MENTOR)
def meeting_log(request: HttpRequest) -> HttpResponse:
    mentor = selectors.own_mentor(user=request.user)
    if mentor is None:
        return redirect("mentors:own")
    form = PeerMeetingForm(
        request.POST or None, mentor=mentor, initial={"date": timezone.localdate()}
    )
    if form.is_valid():
        try:
            services.peer_meeting_log(
                by=request.user, mentor=mentor, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Peer-mødet er registreret. Tak!"))
            return redirect("mentors:own")
    return form_page(
        request,
        form,
        title=_("Registrér et peer-møde"),
        intro=_("Skriv kun antallet af deltagere, ingen navne."),
        cancel_url=reverse("mentors:own"),
    )


# --- offers: which mentors are placed here --------------------------------------------------------


@require_GET
@access.require_role(Role.LEADER, Role.STAFF)
def offer_mentors(request: HttpRequest) -> HttpResponse:
    """The user's own offers with their peer mentors and next peer meetings."""
    offers = access.scope(request.user, Offer).select_related("district").order_by("name")
    page = paginate(request, offers, OFFERS_PAGE_SIZE)
    page.object_list = selectors.mentors_for_offers(page.object_list)
    return render(request, "peers/mentors/offer_mentors.html", {"page": page})


# --- the network across centres -------------------------------------------------------------------


@require_GET
@access.require_role(Role.LEADER, Role.STAFF)
def network(request: HttpRequest) -> HttpResponse:
    mentors = (
        selectors.mentor_list(user=request.user)
        .exclude(status=PeerMentor.Status.STOPPED)
        .prefetch_related("languages", "themes")
        .order_by("district__name", "user__first_name", "user__last_name")
    )
    filters = MentorNetworkFilter(request.GET or None, queryset=mentors)
    page = paginate(request, filters.qs)
    page.object_list = selectors.with_certification(page.object_list)
    return render(request, "peers/mentors/network.html", {"filter": filters, "page": page})


# --- supervision (sparring) -----------------------------------------------------------------------


@require_GET
@access.require_role(Role.LEADER, Role.TRAINING_COORDINATOR, Role.PEER_MENTOR)
def supervision_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.supervision_list(user=request.user))
    context = {"page": page, "coordinator": mentor_access.is_training_coordinator(request.user)}
    return render(request, "peers/mentors/supervision_list.html", context)


@require_GET
@access.require_role(Role.LEADER, Role.TRAINING_COORDINATOR, Role.PEER_MENTOR)
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supervision = selectors.supervision_get(user=request.user, pk=pk)
    # The notes are about people: reading them is a view of personal data.
    audit_record(actor=request.user, action=Action.VIEW, target=supervision, request=request)
    return render(request, "peers/mentors/supervision_detail.html", {"supervision": supervision})


@GET_POST
@coordinator_required
def supervision_create(request: HttpRequest) -> HttpResponse:
    form = SupervisionForm(request.POST or None, initial={"date": timezone.localdate()})
    if form.is_valid():
        try:
            supervision = services.supervision_create(
                by=request.user,
                date=form.cleaned_data["date"],
                mentors=form.cleaned_data["mentors_present"],
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Supervisionen er gemt."))
            return redirect("mentors:supervision_detail", supervision.pk)
    return form_page(
        request,
        form,
        title=_("Registrér supervision"),
        cancel_url=reverse("mentors:supervisions"),
    )
