"""Outreach casework: staff see the partners' hours and consultation counts and book a citizen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from astnet import access, privacy
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from citizens import selectors as citizen_selectors
from citizens.models import Citizen
from citizens.outreach import selectors, services
from citizens.outreach.access import BOOKERS
from citizens.outreach.forms import BookingForm


@require_GET
@access.require_role(*BOOKERS)
def index(request: HttpRequest) -> HttpResponse:
    counts = [
        {**row, "cell": privacy.suppress_count(row["count"])}
        for row in selectors.consultation_counts(request.user)
    ]
    return render(
        request,
        "citizens/outreach/index.html",
        {
            "offers": citizen_selectors.attendance_offers(request.user).order_by("name"),
            "counts": counts,
        },
    )


@require_http_methods(["GET", "POST"])
@access.require_role(*BOOKERS)
# The form lists the offer's citizens by name to book one.
@shows_personal_data("citizens.consultation", id_kwarg=None, detail="booking")
def book(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = citizen_selectors.attendance_offer(request.user, offer_id)
    citizens = (
        access.scope(request.user, Citizen, "change")
        .filter(home_offers=offer)
        .order_by("chosen_name")
    )
    form = BookingForm(
        request.POST if request.method == "POST" else None,
        hours=selectors.hours_at(offer),
        citizens=citizens,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_book(**form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Tiden er booket."))
            return redirect("citizens:outreach_book", offer.pk)
    return render(request, "citizens/outreach/book.html", {"form": form, "offer": offer})


BOOKINGS_PER_PAGE = 25


@require_GET
@access.require_role(*BOOKERS)
@shows_personal_data("citizens.consultation", id_kwarg=None, detail="kommende bookinger")
def bookings(request: HttpRequest, offer_id: int) -> HttpResponse:
    """The offer's upcoming bookings (from today, local date), soonest first, paginated."""
    offer = citizen_selectors.attendance_offer(request.user, offer_id)
    upcoming = selectors.upcoming_bookings(request.user, offer, today=timezone.localdate())
    page = Paginator(upcoming, BOOKINGS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "citizens/outreach/bookings.html", {"offer": offer, "page": page})


@require_http_methods(["GET", "POST"])
@access.require_role(*BOOKERS)
@shows_personal_data("citizens.consultation")
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), cancels on POST: the slot is free again and the booking is not counted."""
    consultation = selectors.booking_for_change(request.user, pk)
    offer = consultation.hours.offer
    if request.method == "POST":
        services.consultation_cancel(consultation=consultation, by=request.user, request=request)
        messages.success(request, _("Bookingen er aflyst, og tiden er ledig igen."))
        return redirect("citizens:outreach_bookings", offer.pk)
    request.audited_object = consultation
    return render(
        request,
        "citizens/outreach/booking_cancel.html",
        {"consultation": consultation, "offer": offer},
    )
