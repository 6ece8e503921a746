"""Outreach hours at an offer and consultations counted per offer and partner."""

from django.db.models import Count, QuerySet

from astnet import access
from citizens.outreach.models import CaseworkHours, Consultation


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
