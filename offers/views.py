"""Pages about offers for the people who work at them: the offer, its hours and activities, and
the omstilling (which offers opened and closed) for leaders and administration."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from astnet import access, privacy
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from offers import access as offer_access
from offers import selectors, services
from offers.as_of import offer_on
from offers.forms import (
    EARLIEST_DATE,
    LATEST_AHEAD,
    ActivityForm,
    OfferCloseForm,
    OfferForm,
    OpeningExceptionForm,
    OpeningHoursForm,
)
from offers.models import Activity, Offer, OfferAddressChange, OpeningException, OpeningHours
from peers.mentors.selectors import mentors_for_offer

ACTIVITIES_PER_PAGE = 25

# What each kind of programme item is called on its pages, and its form.
_KINDS = {
    OpeningHours: (OpeningHoursForm, gettext_lazy("åbningstid")),
    OpeningException: (OpeningExceptionForm, gettext_lazy("afvigende åbningstid")),
    Activity: (ActivityForm, gettext_lazy("aktivitet")),
}


@access.require_role(Role.STAFF, Role.LEADER, Role.ADMINISTRATION)
def staff_offer(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    offer = access.get_in_scope(
        request.user,
        Offer.objects.select_related("district", "track", "parent", "replaced_by")
        .prefetch_related("address_changes", "opening_hours")
        .annotate(
            visits_today=Count("visits", filter=Q(visits__day=today), distinct=True),
            regulars_count=Count("regulars", distinct=True),
        ),
        pk=pk,
    )
    # Outside the offer's citizen scope (the administration) a head count of today could point at
    # one citizen, so it goes through small-number suppression (issue 16).
    figures = (offer.visits_today, offer.regulars_count)
    offer_mentors = mentors_for_offer(offer)
    mentor_figures = None
    if not offer_access.works_with_offer_citizens(request.user, offer):
        figures = tuple(privacy.suppress_count(count).display for count in figures)
        # The administration sees peer mentors as aggregates only (DESIGN.md, issue 16): how many
        # are placed and how many peer meetings are coming, never who or what they talk about.
        mentor_figures = {
            "mentors": privacy.suppress_count(
                len({placement.mentor_id for placement in offer_mentors.placements})
            ).display,
            "meetings": len(offer_mentors.meetings),
        }
        offer_mentors = None
    return render(
        request,
        "offers/staff_offer.html",
        {
            "offer": offer_on(offer, today),
            "scheduled_moves": [m for m in offer.address_changes.all() if m.changed_on > today],
            "scheduled_hours": [
                h for h in offer.opening_hours.all() if (h.valid_from or today) > today
            ],
            "visits_today": figures[0],
            "regulars_count": figures[1],
            # The true counts choose only singular or plural; the shown figure may be "<5".
            "visits_today_n": offer.visits_today,
            "regulars_n": offer.regulars_count,
            "can_edit_programme": offer_access.may_change_offer_programme(request.user, offer),
            "can_edit_offer": offer_access.may_change_offer(request.user, offer),
            "offer_mentors": offer_mentors,
            "mentor_figures": mentor_figures,
        },
    )


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def programme_manage(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_for_editing(user=request.user, pk=pk)
    activities = offer.activities.select_related("track").order_by(
        "schedule", "weekday", "date", "start_time"
    )
    return render(
        request,
        "offers/manage.html",
        {
            "offer": offer,
            "hours": offer.opening_hours.filter(selectors.hours_current_or_later_q()),
            "exceptions": selectors.upcoming_exceptions(offer=offer, days=365),
            "page": Paginator(activities, ACTIVITIES_PER_PAGE).get_page(request.GET.get("side")),
        },
    )


def _item_form(request: HttpRequest, *, offer: Offer, item) -> HttpResponse:
    """Create or change one programme item; on any error the page comes back and nothing is saved."""
    form_class, noun = _KINDS[type(item)]
    form = form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        created = item.pk is None
        services.programme_item_save(item=form.save(commit=False), by=request.user, request=request)
        messages.success(
            request,
            (_("%(noun)s er oprettet.") if created else _("%(noun)s er gemt."))
            % {"noun": str(noun).capitalize()},
        )
        return redirect("offers:programme_manage", offer.pk)
    return render(
        request,
        "offers/item_form.html",
        {"offer": offer, "form": form, "noun": noun, "item": item},
        status=400 if form.errors else 200,
    )


def _item_in_scope(request: HttpRequest, model, pk: int):
    return access.get_in_scope(request.user, model.objects.select_related("offer"), "change", pk=pk)


def _item_delete(request: HttpRequest, model, pk: int) -> HttpResponse:
    item = _item_in_scope(request, model, pk)
    _form, noun = _KINDS[model]
    if request.method == "POST":
        services.programme_item_delete(item=item, by=request.user, request=request)
        messages.success(request, _("%(noun)s er slettet.") % {"noun": str(noun).capitalize()})
        return redirect("offers:programme_manage", item.offer_id)
    return render(
        request,
        "offers/item_confirm_delete.html",
        {"offer": item.offer, "item": item, "noun": noun},
    )


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def hours_create(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_for_editing(user=request.user, pk=pk)
    return _item_form(request, offer=offer, item=OpeningHours(offer=offer))


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def hours_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_in_scope(request, OpeningHours, pk)
    return _item_form(request, offer=item.offer, item=item)


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def hours_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_delete(request, OpeningHours, pk)


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def exception_create(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_for_editing(user=request.user, pk=pk)
    return _item_form(request, offer=offer, item=OpeningException(offer=offer))


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def exception_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_in_scope(request, OpeningException, pk)
    return _item_form(request, offer=item.offer, item=item)


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def exception_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_delete(request, OpeningException, pk)


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_for_editing(user=request.user, pk=pk)
    today = timezone.localdate()
    item = Activity(offer=offer, starts_on=today, weekday=today.weekday())
    return _item_form(request, offer=offer, item=item)


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_in_scope(request, Activity, pk)
    return _item_form(request, offer=item.offer, item=item)


@access.require_role(*offer_access.PROGRAMME_EDITORS)
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_delete(request, Activity, pk)


@access.require_role(Role.LEADER)
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_for_editing(user=request.user, pk=pk)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        services.offer_update(
            offer=form.save(commit=False),
            target_groups=form.cleaned_data["target_groups"],
            moved_on=form.cleaned_data["moved_on"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("Tilbuddet er gemt."))
        return redirect("offers:staff_offer", offer.pk)
    return render(
        request,
        "offers/item_form.html",
        {"offer": offer, "form": form, "noun": _("tilbud"), "item": offer, "is_offer": True},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.LEADER)
def offer_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close an offer: the day and what replaces it, then a page that asks to confirm; once
    confirmed, the omstilling for the closing day shows it (issue 18)."""
    offer = selectors.offer_for_editing(user=request.user, pk=pk)
    form = OfferCloseForm(request.POST if request.method == "POST" else None, offer=offer)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirmed"]:
            try:
                services.offer_close(
                    offer=offer,
                    closes_on=form.cleaned_data["closes_on"],
                    replaced_by=form.cleaned_data["replaced_by"],
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Lukningen er gemt og vises i omstillingen."))
                day = form.cleaned_data["closes_on"].isoformat()
                return redirect(f"{reverse('offers:transition')}?dato={day}")
        else:
            return render(
                request, "offers/offer_close_confirm.html", {"offer": offer, "form": form}
            )
    return render(
        request,
        "offers/offer_close.html",
        {"offer": offer, "form": form},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.LEADER, Role.ADMINISTRATION)
def transition(request: HttpRequest) -> HttpResponse:
    """One day (`?dato=`) or a period (`?dato=` to `?til=`): what opened, moved and closed."""
    errors = []
    day, day_error = _read_date(
        request.GET.get("dato"), _("Datoen kunne ikke læses. Skriv den som fx 2017-01-01.")
    )
    until, until_error = _read_date(
        request.GET.get("til"), _("Til-datoen kunne ikke læses. Skriv den som fx 2017-03-31.")
    )
    errors += [e for e in (day_error, until_error) if e]
    if day is None:
        day = _latest_change(request.user) or timezone.localdate()
    if until is not None and until < day:
        errors.append(_("Til-datoen skal være samme dag som eller efter fra-datoen."))
        until = None
    return render(
        request,
        "offers/transition.html",
        {
            "day": day,
            "until": until,
            "districts": selectors.transition(user=request.user, day=day, until=until),
            "errors": errors,
        },
    )


def _read_date(raw: str | None, error: str) -> tuple[datetime.date | None, str | None]:
    """A date from the query string, or a Danish error when it cannot be read or lies outside
    the years the omstilling covers (year 1 or 9999 must not reach the date arithmetic)."""
    raw = (raw or "").strip()
    if not raw:
        return None, None
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return None, error
    last = timezone.localdate() + LATEST_AHEAD
    if not EARLIEST_DATE <= day <= last:
        return None, _("Vælg en dato mellem %(first)s og %(last)s.") % {
            "first": format_date(EARLIEST_DATE),
            "last": format_date(last),
        }
    return day, None


def _latest_change(user) -> datetime.date | None:
    """The last day an offer opened, moved or closed, up to today: the omstilling most worth
    showing."""
    today = timezone.localdate()
    latest = (
        access.scope(user, Offer, "view")
        .filter(Q(opens_on__lte=today) | Q(closes_on__lte=today))
        .aggregate(
            opened=Max("opens_on", filter=Q(opens_on__lte=today)),
            closed=Max("closes_on", filter=Q(closes_on__lte=today)),
        )
    )
    moved = (
        access.scope(user, OfferAddressChange, "view")
        .filter(changed_on__lte=today)
        .aggregate(moved=Max("changed_on"))
    )
    days = [d for d in (*latest.values(), *moved.values()) if d is not None]
    return max(days) if days else None
