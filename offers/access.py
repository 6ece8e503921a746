"""Who may see and change offers, their programme and districts: the offers app's rules in the
one door (`astnet.access`), registered from `OffersConfig.ready()`."""

from django.db.models import Q, QuerySet

from astnet.access import (
    ScopeAction,
    declare_public,
    has_role,
    is_city_wide,
    leader_district_ids,
    rule,
    scope,
    staff_offer_ids,
)
from astnet.models import Role
from offers.models import Offer

# Who keeps an offer's programme (opening hours, exceptions, activities): its staff and leaders.
PROGRAMME_EDITORS = (Role.STAFF, Role.LEADER)


@rule("offers.offer")
def _offers(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Offers the user works with: staff their own, leaders their district's, administration all
    (read only). The public pages do not go through here: offers are public."""
    if action == "view" and is_city_wide(user):
        return qs
    return qs.filter(Q(pk__in=staff_offer_ids(user)) | Q(district__in=leader_district_ids(user)))


@rule("offers.openinghours")
@rule("offers.openingexception")
@rule("offers.activity")
@rule("offers.offeraddresschange")
def _offer_programme(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Opening hours and activities follow their offer: staff edit their own offer's programme,
    leaders their district's. (The public programme reads them without scoping.)"""
    return qs.filter(offer__in=scope(user, qs.model._meta.get_field("offer").related_model, action))


@rule("offers.district")
def _districts(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if is_city_wide(user) and action == "view":
        return qs
    return qs.filter(pk__in=leader_district_ids(user))


declare_public("offers.track", "the city's tracks (faglige spor): published on the offer finder")
declare_public("offers.targetgroup", "target groups of offers: published on the offer finder")
declare_public(
    "offers.oldslug", "slugs offers and districts had before: their old public links redirect"
)


def may_change_offer_programme(user, offer: Offer) -> bool:
    """True when `user` may edit `offer`'s opening hours and activities (its staff, its leaders)."""
    return has_role(user, *PROGRAMME_EDITORS) and _may_change(user, offer)


def may_change_offer(user, offer: Offer) -> bool:
    """True when `user` may edit the offer itself (address, status, target groups): its leaders."""
    return has_role(user, Role.LEADER) and _may_change(user, offer)


def works_with_offer_citizens(user, offer: Offer) -> bool:
    """True for the offer's staff and its district's leaders, who work with its citizens and see
    exact counts about them; anyone else (the administration) sees them suppressed (issue 16)."""
    return _may_change(user, offer)


def _may_change(user, offer: Offer) -> bool:
    return scope(user, Offer, "change").filter(pk=offer.pk).exists()
