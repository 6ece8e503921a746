"""Pages for peer mentors (peer-vejledere): the competence centre's training pages, the mentor's own
page, the offers' view of their mentors, the network across centres and supervision."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from astnet import access
from astnet.audit import Action, audit_record
from astnet.forms import add_service_error
from astnet.models import Role
from offers.models import Offer
from peers import mentors as services
from peers import mentors_selectors as selectors
from peers.mentors_filters import MentorNetworkFilter
from peers.mentors_forms import (
    CohortForm,
    MentorCreateForm,
    MentorEditForm,
    ParticipantForm,
    PeerMeetingForm,
    PlacementEndForm,
    PlacementForm,
    SessionForm,
    SupervisionForm,
    YearlyTargetForm,
)
from peers.mentors_models import Participation, PeerMentor, Placement

PAGE_SIZE = 25
OFFERS_PAGE_SIZE = 10
GET_POST = require_http_methods(["GET", "POST"])


def coordinator_required(view: Callable) -> Callable:
    """The competence centre's pages: leaders of Center Nordvest.

    Another leader asking for a list page is sent to the peer-mentor hub; asking for one object
    (a cohort, a session) they get 404 from the scope, as for anything outside it.
    """

    @access.require_role(Role.LEADER)
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not kwargs and not access.is_training_coordinator(request.user):
            messages.info(request, _("Siden er for Center Nordvests videns- og kompetencecenter."))
            return redirect("mentors:index")
        return view(request, *args, **kwargs)

    return wrapper


def _form_page(
    request: HttpRequest, form, *, title: str, cancel_url: str, intro: str = "", submit: str = ""
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "intro": intro,
        "submit_label": submit,
    }
    return render(request, "peers/mentors/form_page.html", context)


def _page(request: HttpRequest, rows, size: int = PAGE_SIZE):
    return Paginator(rows, size).get_page(request.GET.get("side"))


# --- the hub ------------------------------------------------------------------------------------


@require_GET
@access.require_role(Role.LEADER, Role.STAFF, Role.ADMINISTRATION)
def index(request: HttpRequest) -> HttpResponse:
    """The "Peer-vejledere" menu item: what each role may do with peer mentors."""
    context = {
        "coordinator": access.is_training_coordinator(request.user),
        "works_at_offers": access.has_role(request.user, Role.LEADER, Role.STAFF),
        "city_wide": access.is_city_wide(request.user),
    }
    return render(request, "peers/mentors/index.html", context)


# --- cohorts and registers (the coordinator) ----------------------------------------------------


@require_GET
@coordinator_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.cohort_list(user=request.user))
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
    return _form_page(
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
    return _form_page(
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
    return _form_page(
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
    page = _page(request, selectors.mentor_list(user=request.user))
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
    return _form_page(
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
    return _form_page(
        request,
        form,
        title=_("Ret %(name)s") % {"name": mentor},
        cancel_url=reverse("mentors:certification"),
    )


@require_GET
@coordinator_required
def placement_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.placement_list(user=request.user))
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
    return _form_page(
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
    return _form_page(
        request,
        form,
        title=_("Afslut %(mentor)s på %(offer)s")
        % {"mentor": placement.mentor, "offer": placement.offer.name},
        cancel_url=reverse("mentors:placements"),
    )


@GET_POST
@access.require_role(Role.LEADER, Role.ADMINISTRATION)
def yearly_target(request: HttpRequest) -> HttpResponse:
    """Trained this year against the target. The coordinator sets targets; administration reads
    the aggregate; other leaders are refused."""
    coordinator = access.is_training_coordinator(request.user)
    if not coordinator and not access.is_city_wide(request.user):
        messages.info(request, _("Siden er for Center Nordvests videns- og kompetencecenter."))
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
        "held": _page(request, selectors.held_meetings(mentor=mentor), 10),
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
    return _form_page(
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
    page = _page(request, offers, OFFERS_PAGE_SIZE)
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
    page = _page(request, filters.qs)
    page.object_list = selectors.with_certification(page.object_list)
    return render(request, "peers/mentors/network.html", {"filter": filters, "page": page})


# --- supervision (sparring) -----------------------------------------------------------------------


@require_GET
@access.require_role(Role.LEADER, Role.PEER_MENTOR)
def supervision_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.supervision_list(user=request.user))
    context = {"page": page, "coordinator": access.is_training_coordinator(request.user)}
    return render(request, "peers/mentors/supervision_list.html", context)


@require_GET
@access.require_role(Role.LEADER, Role.PEER_MENTOR)
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
    return _form_page(
        request,
        form,
        title=_("Registrér supervision"),
        cancel_url=reverse("mentors:supervisions"),
    )
