""" "I dag": attendance at one offer: the roster, search, check-in and its undo, the head count of
anonymous visitors and a new citizen at the door."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from astnet import access
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from citizens import selectors, services
from citizens.forms import (
    QuickCitizenForm,
)
from citizens.models import Citizen, Visit, validate_chosen_name
from citizens.views.roster_row import RowMaker

ROSTER_PAGE_SIZE = 100


def _names_a_citizen(query: str) -> bool:
    try:
        validate_chosen_name(query)
    except ValidationError:
        return False
    return True


def _today_context(request: HttpRequest, offer, **extra) -> dict:
    """The context every part of the page renders from. The rows in it (`page`, `results`,
    `same_name`, `created`, `citizen`) become their HTML (`roster_row.RowMaker`); `citizen` is the
    one row a check-in or undo sends back, in the list named by `list_name`, with `row_error`."""
    day = timezone.localdate()
    context = {
        "query_names_a_citizen": _names_a_citizen(extra.get("query", "")),
        "offer": offer,
        "day": day,
        "counts": selectors.day_counts(offer=offer, day=day),
        **extra,
    }
    for name, list_name in _LIST_OF.items():
        shown = context.get(name)
        if shown is None:
            continue
        make = _row_maker(request, list_name or context.get("list_name", "roster"))
        if isinstance(shown, Page):
            shown.object_list = _as_rows(shown.object_list, offer=offer, make=make)
        elif isinstance(shown, Citizen):
            error = context.get("row_error", "")
            context[name] = _as_rows([shown], offer=offer, make=make, error=error)[0]
        else:
            context[name] = _as_rows(shown, offer=offer, make=make)
    return context


# The lists of rows a response can hold, and the name each list's buttons and forms carry (None:
# the list the request named, for the row a check-in or undo sends back).
_LIST_OF = {
    "page": "roster",
    "results": "search",
    "same_name": "same-name",
    "created": "search",
    "citizen": None,
}
LISTS = {list_name for list_name in _LIST_OF.values() if list_name}


def _row_maker(request: HttpRequest, list_name: str) -> RowMaker:
    """The maker of the rows of `list_name` in this response (views/roster_row.py)."""
    return RowMaker(
        list_name=list_name,
        csrf_token=get_token(request),
        now=timezone.now(),
        undo_window=services.UNDO_WINDOW,
    )


def _as_rows(citizens, *, offer, make: RowMaker, error: str = "") -> list[SafeString]:
    """Each citizen's row as HTML, with its links (`selectors.with_row_links`) where the selector
    has not given them yet. `error` is shown under every row (one row: a refused undo)."""
    citizens = list(citizens)
    selectors.with_row_links([c for c in citizens if not hasattr(c, "detail_url")], offer=offer)
    return [make(citizen, error) for citizen in citizens]


@require_GET
@access.require_role(Role.STAFF)
def today_start(request: HttpRequest) -> HttpResponse:
    """The "I dag" menu item: straight to the roster when the user works at one offer."""
    offers = list(selectors.attendance_offers(request.user).order_by("name"))
    if len(offers) == 1:
        return redirect("citizens:today", offers[0].pk)
    return render(request, "citizens/today_start.html", {"offers": offers})


@require_GET
@access.require_role(Role.STAFF)
@shows_personal_data("offers.offer", id_kwarg="offer_id", detail="i dag")
def today(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.attendance_offer(request.user, offer_id)
    day = timezone.localdate()
    query = request.GET.get("q", "").strip()
    request.audited_object = offer
    context = _today_context(
        request,
        offer,
        page=selectors.roster_page(
            offer=offer,
            user=request.user,
            day=day,
            number=request.GET.get("side"),
            per_page=ROSTER_PAGE_SIZE,
        ),
        query=query,
        results=selectors.citizen_search(offer=offer, user=request.user, day=day, query=query)
        if query
        else None,
        quick_form=QuickCitizenForm(initial={"chosen_name": query}),
    )
    return render(request, "citizens/today.html", context)


@require_GET
@access.require_role(Role.STAFF)
@shows_personal_data("offers.offer", id_kwarg="offer_id", detail="søgning")
def today_search(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.attendance_offer(request.user, offer_id)
    query = request.GET.get("q", "").strip()
    if not request.htmx:
        return redirect(f"{reverse('citizens:today', args=[offer.pk])}?{urlencode({'q': query})}")
    results = (
        selectors.citizen_search(
            offer=offer, user=request.user, day=timezone.localdate(), query=query
        )
        if query
        else None
    )
    context = _today_context(
        request,
        offer,
        query=query,
        results=results,
        quick_form=QuickCitizenForm(initial={"chosen_name": query}),
    )
    return render(request, "citizens/today.html#search-update", context)


def _row_response(request: HttpRequest, offer, citizen, announcement: str, error=""):
    """After a check-in or undo: the row again (htmx), or back to the page (no JavaScript).
    `citizen` is the row's citizen, or its id to read it (with today's visit) again."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, announcement)
        return redirect("citizens:today", offer.pk)
    if isinstance(citizen, int):
        citizen = selectors.citizen_with_visit(
            user=request.user, citizen_id=citizen, offer=offer, day=timezone.localdate()
        )
    list_name = request.POST.get("list")
    context = _today_context(
        request,
        offer,
        citizen=citizen,
        list_name=list_name if list_name in LISTS else "roster",
        row_error=error,
        announcement=error or announcement,
    )
    return render(request, "citizens/today.html#row-update", context)


@require_POST
@access.require_role(Role.STAFF)
def check_in(request: HttpRequest, offer_id: int, citizen_id: int) -> HttpResponse:
    offer = selectors.attendance_offer(request.user, offer_id)
    citizen = selectors.citizen_to_check_in(user=request.user, citizen_id=citizen_id, offer=offer)
    visit, _created = services.visit_check_in(
        offer=offer,
        citizen=citizen,
        by=request.user,
        request=request,
        follow_up_open=citizen.open_follow_up,
    )
    return _row_response(
        request,
        offer,
        selectors.checked_in_row(citizen, visit, offer=offer),
        _("%(name)s er tjekket ind.") % {"name": citizen.chosen_name},
    )


@require_POST
@access.require_role(Role.STAFF)
def undo_check_in(request: HttpRequest, offer_id: int, citizen_id: int) -> HttpResponse:
    offer = selectors.attendance_offer(request.user, offer_id)
    visit = access.get_in_scope(
        request.user,
        Visit.objects.select_related("citizen"),
        "change",
        offer=offer,
        citizen_id=citizen_id,
        day=timezone.localdate(),
    )
    error = ""
    try:
        services.visit_undo(visit=visit, by=request.user, request=request)
    except ValidationError as refusal:
        error = refusal.messages[0]
    return _row_response(
        request,
        offer,
        citizen_id,
        _("Fremmødet for %(name)s er fortrudt.") % {"name": visit.citizen.chosen_name},
        error=error,
    )


@require_POST
@access.require_role(Role.STAFF)
def anonymous(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.attendance_offer(request.user, offer_id)
    change = {"1": 1, "-1": -1}.get(request.POST.get("change", ""))
    if change is None:
        messages.error(request, _("Vælg + eller −."))
        return redirect("citizens:today", offer.pk)
    counter = services.anonymous_visits_adjust(
        offer=offer, day=timezone.localdate(), change=change, by=request.user, request=request
    )
    announcement = _("Anonyme i dag: %(count)s.") % {"count": counter.count}
    if not request.htmx:
        messages.success(request, announcement)
        return redirect("citizens:today", offer.pk)
    context = _today_context(request, offer, announcement=announcement)
    return render(request, "citizens/today.html#anonymous-update", context)


@require_POST
@access.require_role(Role.STAFF)
def quick_create(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Create a citizen by chosen name at the door, make them a regular here and check them in."""
    offer = selectors.attendance_offer(request.user, offer_id)
    form = QuickCitizenForm(request.POST)
    day = timezone.localdate()
    if form.is_valid():
        try:
            citizen = services.citizen_arrive(
                by=request.user,
                chosen_name=form.cleaned_data["chosen_name"],
                offer=offer,
                confirmed_new=form.cleaned_data["confirmed_new"],
                request=request,
            )
        except ValidationError as refusal:
            add_service_error(form, refusal)
        else:
            announcement = _("%(name)s er oprettet og tjekket ind.") % {"name": citizen.chosen_name}
            if not request.htmx:
                messages.success(request, announcement)
                return redirect("citizens:today", offer.pk)
            context = _today_context(
                request,
                offer,
                created=selectors.citizen_with_visit(
                    user=request.user, citizen_id=citizen.pk, offer=offer, day=day
                ),
                list_name="search",
                announcement=announcement,
            )
            return render(request, "citizens/today.html#created-update", context)
    query = request.POST.get("chosen_name", "").strip()
    context = _today_context(
        request,
        offer,
        query=query,
        results=selectors.citizen_search(offer=offer, user=request.user, day=day, query=query)
        if query
        else None,
        quick_form=form,
        same_name=selectors.same_name_at_offer(
            offer=offer, user=request.user, chosen_name=query, day=day
        )
        if form.has_error("chosen_name", "same_name")
        else None,
    )
    if request.htmx:
        return render(request, "citizens/today.html#search-update", context)
    page = selectors.roster_page(
        offer=offer, user=request.user, day=day, number=1, per_page=ROSTER_PAGE_SIZE
    )
    page.object_list = _as_rows(page.object_list, offer=offer, make=_row_maker(request, "roster"))
    context["page"] = page
    return render(request, "citizens/today.html", context, status=400)
