"""Outreach hours at an offer and consultations counted per offer and partner."""

import datetime

from django.db.models import Count, QuerySet

from astnet import access
from astnet.figures import Period
from citizens.outreach.models import CaseworkHours, CaseworkPartner, Consultation


def hours_at(offer) -> QuerySet:
    """The partners' weekly hours at `offer`, by weekday and time."""
    return CaseworkHours.objects.filter(offer=offer).select_related("partner")


def consultation_counts(user) -> list[dict]:
    """Consultations the user may see, counted per offer and partner (dicts with `offer`,
    `partner` names and `count`); the caller suppresses small numbers before showing them."""
    return list(
        access.scope(user, Consultation)
        .values("hours__offer__name", "hours__partner__name")
        .annotate(count=Count("pk"))
        .order_by("hours__offer__name", "hours__partner__name")
    )


def consultations_per_partner(offers: QuerySet, period: Period, group: str) -> dict:
    """Consultations held at `offers` on a day in `period` (dates inclusive), counted per value of
    `group` (a path from the hours, "offer" or "offer__district") and partner id: a dict
    (group value, partner id) → count. One query; cancelled bookings are gone and not counted.
    Raw counts: the caller publishes them through astnet.privacy."""
    return {
        (row[f"hours__{group}"], row["hours__partner"]): row["count"]
        for row in Consultation.objects.filter(
            hours__offer__in=offers, day__range=period.as_range()
        )
        .values(f"hours__{group}", "hours__partner")
        .annotate(count=Count("pk"))
        .order_by()
    }


def partners_at(offers: QuerySet) -> list[CaseworkPartner]:
    """The partners who hold hours at any of `offers`, by name."""
    return list(CaseworkPartner.objects.filter(hours__offer__in=offers).distinct().order_by("name"))


def upcoming_bookings(user, offer, *, today: datetime.date) -> QuerySet:
    """Consultations booked at `offer` from `today` (local date) on that `user` may see, soonest
    first, with hours, partner and citizen loaded for the list."""
    return (
        access.scope(user, Consultation)
        .filter(hours__offer=offer, day__gte=today)
        .select_related("hours__partner", "citizen")
        .order_by("day", "hours__starts_at", "pk")
    )


def booking_for_change(user, pk: int) -> Consultation:
    """A consultation the user may change (cancel); 404 otherwise."""
    return access.get_in_scope(
        user,
        Consultation.objects.select_related("hours__offer", "hours__partner", "citizen"),
        "change",
        pk=pk,
    )
