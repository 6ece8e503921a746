"""Who may see and change citizens, their visits, head counts, consents and expectation talks.

Registered into the one door (`astnet.access`) from `CitizensConfig.ready()`; views, selectors and
services ask the door (`scope`, `get_in_scope`) or the predicates here, never the roles themselves.
Staff see and change the citizens of their own offers; a district's leaders read their district's.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from astnet.access import (
    ScopeAction,
    declare_audit_subject,
    declare_follows_owner,
    declare_public,
    follows,
    has_role,
    leader_district_ids,
    rule,
    staff_offer_ids,
)
from astnet.models import Role


def offer_work_condition(user, action: ScopeAction, path: str = "offer") -> Q:
    """Rows at an offer (reached by `path`) the user works with: staff their own offers (view and
    change), leaders their district's offers (view only)."""
    condition = Q(**{f"{path}__in": staff_offer_ids(user)})
    if action == "view":
        condition |= Q(**{f"{path}__district__in": leader_district_ids(user)})
    return condition


def takes_attendance(user) -> bool:
    """Staff check citizens in, create them and enrol them on courses (DESIGN.md, roles)."""
    return has_role(user, Role.STAFF)


def attendance_offer_ids(user) -> set[int]:
    """The ids of the offers where the user works as staff: where they take attendance."""
    return staff_offer_ids(user)


def colleagues(user) -> QuerySet:
    """Active staff at the offers `user` works at: who can be a citizen's fixed contact person."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.STAFF,
            memberships__offer__in=staff_offer_ids(user),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@rule("citizens.citizen")
def _citizens(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Staff see and change citizens of their own offers; leaders read their district's."""
    offer_ids = staff_offer_ids(user)
    if not offer_ids and action == "change":
        return qs.none()
    their_offers = offer_work_condition(user, action)
    # EXISTS per citizen, not joins: joining the visits would read every visit of every citizen
    # (millions of rows in a city) before the offer is looked at. An anonymised citizen belongs to
    # no one any more: only their counted rows remain (citizens/rights/).
    home_offers = qs.model.home_offers.through.objects.filter(their_offers, citizen=OuterRef("pk"))
    visit_model = qs.model._meta.get_field("visits").related_model
    visits = visit_model.objects.filter(their_offers, citizen=OuterRef("pk"))
    return qs.filter(Exists(home_offers) | Exists(visits)).exclude(
        privacy__anonymised_at__isnull=False
    )


# A leader's audit log also holds who, from anywhere, looked at or changed the district's citizens.
declare_audit_subject("citizens.citizen")


@rule("citizens.visit")
@rule("citizens.anonymousvisits")
def _per_offer(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Visits and head counts belong to an offer: its staff change them, the leader reads."""
    return qs.filter(offer_work_condition(user, action))


@rule("citizens.visitmonth")
def _visit_months(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The monthly sums of visits are read like the visits of their offer; no one changes them
    through the door: the database's triggers keep them (citizens/visit_months/sql.py)."""
    if action != "view":
        return qs.none()
    return qs.filter(offer_work_condition(user, action))


declare_public(
    "citizens.visitmonthcheck",
    "the nightly check's dates and row counts: no personal data, nothing about an offer",
)


def about_a_citizen(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Rows about one citizen follow that citizen's scope (checked per row: `follows`)."""
    citizen_model = qs.model._meta.get_field("citizen").related_model
    return qs.filter(follows(user, citizen_model, action, "citizen"))


for _label in ("citizens.consent", "citizens.expectationtalk"):
    rule(_label)(about_a_citizen)
    declare_follows_owner(_label, "citizen")
