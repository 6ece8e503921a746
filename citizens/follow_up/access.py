"""Who may see and change the follow-up list, its rule per offer and the calls made.

Registered into the one door (`astnet.access`) from `CitizensConfig.ready()`.
"""

from django.db.models import QuerySet

from astnet.access import (
    ScopeAction,
    declare_follows_owner,
    has_role,
    leader_district_ids,
    rule,
    scope,
)
from astnet.models import Role
from citizens.access import about_a_citizen, offer_work_condition
from offers.models import Offer


@rule("citizens.followup")
@rule("citizens.followupsetting")
def _per_offer_follow_up(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Follow-up belongs to an offer: its staff change it, the district's leaders read it."""
    return qs.filter(offer_work_condition(user, action))


rule("citizens.outreach")(about_a_citizen)
declare_follows_owner("citizens.outreach", "citizen")


def calls_citizens(user) -> bool:
    """Staff make the follow-up calls and set their offers' thresholds."""
    return has_role(user, Role.STAFF)


def oversees_follow_up(user) -> bool:
    """Leaders see how many citizens are due per offer in their district."""
    return has_role(user, Role.LEADER)


def overseen_offers(user) -> QuerySet:
    """The offers (in the user's scope) of the districts the user leads; none for others."""
    return scope(user, Offer).filter(district__in=leader_district_ids(user))
