"""Reads about citizens for the pages: every query is scoped through astnet.access."""

import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from astnet import access
from citizens.access import attendance_offer_ids
from citizens.models import (
    AnonymousVisits,
    Citizen,
    Consent,
    ExpectationTalk,
    Outreach,
    Visit,
)
from offers.models import Offer

SEARCH_LIMIT = 20


def attendance_offers(user) -> QuerySet:
    """The offers where the user takes attendance: staff at their own offers."""
    return access.scope(user, Offer, "change").filter(pk__in=attendance_offer_ids(user))


def attendance_offer(user, offer_id: int) -> Offer:
    return access.get_in_scope(user, attendance_offers(user), "change", pk=offer_id)


def _with_visit_on(citizens: QuerySet, *, offer: Offer, day: datetime.date) -> QuerySet:
    """Each citizen with their visit at `offer` on `day`, if any, in the same query."""
    visit = Visit.objects.filter(citizen=OuterRef("pk"), offer=offer, day=day)
    return citizens.annotate(
        visit_id=Subquery(visit.values("pk")[:1]),
        visit_created_at=Subquery(visit.values("created_at")[:1]),
    )


def roster_for_offer(*, offer: Offer, user, day: datetime.date) -> QuerySet:
    """The offer's regulars, each with today's check-in; one query whatever their number."""
    regulars = access.scope(user, Citizen, "change").filter(home_offers=offer)
    return _with_visit_on(regulars, offer=offer, day=day).order_by("chosen_name", "pk")


def citizen_search(*, offer: Offer, user, day: datetime.date, query: str) -> QuerySet:
    """Citizens the user works with whose chosen name contains `query`."""
    found = access.scope(user, Citizen, "change").filter(chosen_name__icontains=query.strip())
    return _with_visit_on(found, offer=offer, day=day).order_by("chosen_name", "pk")[:SEARCH_LIMIT]


def same_name_at_offer(*, offer: Offer, user, chosen_name: str, day: datetime.date) -> QuerySet:
    """Citizens the user works with, regulars at `offer`, whose chosen name is `chosen_name`
    (ignoring case and spaces around it): the ones to show before creating another (issue 19)."""
    found = (
        access.scope(user, Citizen, "change")
        .filter(chosen_name__iexact=chosen_name.strip(), home_offers=offer)
        .distinct()
    )
    return _with_visit_on(found, offer=offer, day=day).order_by("chosen_name", "pk")


def merge_candidates(*, user, keep: Citizen, query: str) -> QuerySet:
    """Citizens the user may change, other than `keep`, whose chosen name contains `query`:
    the possible duplicates of `keep` (issue 19)."""
    found = access.scope(user, Citizen, "change").exclude(pk=keep.pk)
    if query:
        found = found.filter(chosen_name__icontains=query)
    return found.prefetch_related("home_offers").order_by("chosen_name", "pk")


def citizen_with_visit(*, user, citizen_id: int, offer: Offer, day: datetime.date) -> Citizen:
    citizens = _with_visit_on(access.scope(user, Citizen, "change"), offer=offer, day=day)
    return get_object_or_404(citizens, pk=citizen_id)


def day_counts(*, offer: Offer, day: datetime.date) -> dict[str, int]:
    anonymous = (
        AnonymousVisits.objects.filter(offer=offer, day=day).values_list("count", flat=True).first()
    )
    return {
        "registered": Visit.objects.filter(offer=offer, day=day).count(),
        "anonymous": anonymous or 0,
    }


def citizen_for_page(user, pk: int, action: access.ScopeAction = "view") -> Citizen:
    citizens = Citizen.objects.select_related("district", "contact_person").prefetch_related(
        "home_offers"
    )
    return access.get_in_scope(user, citizens, action, pk=pk)


def visits_by_month(*, citizen: Citizen, user) -> QuerySet:
    """Visits per month and offer, newest first, for the offers the user may see."""
    return (
        access.scope(user, Visit)
        .filter(citizen=citizen)
        .annotate(month=TruncMonth("day"))
        .values("month", "offer__name")
        .annotate(visits=Count("pk"))
        .order_by("-month", "offer__name")
    )


def talks_for(*, citizen: Citizen, user) -> QuerySet:
    return (
        access.scope(user, ExpectationTalk).filter(citizen=citizen).select_related("offer", "staff")
    )


def consents_for(*, citizen: Citizen, user) -> QuerySet:
    return (
        access.scope(user, Consent)
        .filter(citizen=citizen)
        .select_related("recorded_by", "withdrawn_recorded_by")
    )


def outreach_for(*, citizen: Citizen, user) -> QuerySet:
    return access.scope(user, Outreach).filter(citizen=citizen).select_related("by")
