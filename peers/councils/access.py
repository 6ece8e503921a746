"""Who may see and do what in the users' councils: the scope rules of the councils' models,
registered with the one door (`astnet.access`) when the app is ready, and the predicates the
councils' views, forms and services ask instead of checking roles or seats themselves.

Members work with their own council (read, apply, vote, write the minutes); the district's leaders
read their district's councils and manage their seats, budget and rules; staff read the councils
at their own offers and apply on a citizen's behalf; administration reads budget totals only
(DESIGN.md).

A council of the whole municipality (scope "city", tied to neither an offer nor a district, like
Haderslev's, issue 21) is every district's: every leader reads and manages it as their own
district's, and every staff member reads it and applies to it on a citizen's behalf.
"""

from django.db.models import Q, QuerySet

from astnet.access import (
    ScopeAction,
    council_ids,
    has_role,
    is_city_wide,
    leader_district_ids,
    rule,
    staff_offer_ids,
)
from astnet.models import Role
from peers.councils.models import Application, Council, CouncilMember


def _council_condition(user, action: ScopeAction, prefix: str = "") -> Q:
    """Councils a user works with: members their own council; leaders read their district's
    councils; staff read the councils at their own offers (to apply on a citizen's behalf)."""
    condition = Q(**{f"{prefix}pk__in": council_ids(user)})
    if action == "view":
        districts = leader_district_ids(user)
        condition |= (
            Q(**{f"{prefix}district__in": districts})
            | Q(**{f"{prefix}offer__district__in": districts})
            | Q(**{f"{prefix}offer__in": staff_offer_ids(user)})
        )
        if districts or staff_offer_ids(user):
            condition |= _whole_municipality(prefix)
    return condition


def _whole_municipality(prefix: str = "") -> Q:
    return Q(**{f"{prefix}scope": Council.Scope.CITY})


def _led_council_condition(user, prefix: str = "") -> Q:
    """Councils in the districts the user leads (at the district or at one of its offers), and
    the councils of the whole municipality, which are every leader's."""
    districts = leader_district_ids(user)
    condition = Q(**{f"{prefix}district__in": districts}) | Q(
        **{f"{prefix}offer__district__in": districts}
    )
    if districts:
        condition |= _whole_municipality(prefix)
    return condition


@rule("peers.council")
def _councils(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return qs.filter(_council_condition(user, action))


@rule("peers.councilmember")
def _council_seats(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Seats: the council's own members read them; the district's leaders read and change them."""
    condition = _led_council_condition(user, "council__")
    if action == "view":
        condition |= Q(council__in=council_ids(user))
    return qs.filter(condition)


@rule("peers.meeting")
def _council_meetings(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Meetings: the council's own members (who write the minutes) and the district's leaders."""
    return qs.filter(Q(council__in=council_ids(user)) | _led_council_condition(user, "council__"))


@rule("peers.budget")
def _budgets(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Budgets are totals: administration reads all of them, never the applications behind; the
    district's leaders set them."""
    if action == "change":
        return qs.filter(_led_council_condition(user, "council__"))
    if is_city_wide(user):
        return qs
    return qs.filter(_council_condition(user, action, "council__"))


@rule("peers.application")
def _applications(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Applications: the council's members (read, vote), the district's leaders (read), and staff
    for the applications they helped with (read, withdraw). Administration sees none."""
    condition = Q(council__in=council_ids(user)) | Q(helped_by=user)
    if action == "view":
        condition |= _led_council_condition(user, "council__")
    return qs.filter(condition)


@rule("peers.applicationattachment")
@rule("peers.decision")
@rule("peers.recusal")
def _application_parts(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Attachments, decisions and recusals are read with their application; they change only
    through the services (uploading, voting, declaring a conflict)."""
    if action == "change":
        return qs.none()
    return qs.filter(application__in=_applications(user, Application.objects.all(), "view"))


@rule("peers.vote")
def _votes(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Who voted what: a member always their own votes; everyone who reads the application the
    votes of a closed vote that was opened as an open vote (issue 19: hidden until the vote
    closes, and a later change of the council's rules never exposes an earlier secret vote).
    Cast only by the service."""
    if action == "change":
        return qs.none()
    applications = _applications(user, Application.objects.all(), "view")
    return qs.filter(
        Q(member__user=user)
        | Q(
            application__in=applications,
            application__vote_open_votes=True,
            application__decision__isnull=False,
        )
    )


@rule("peers.councilcriteria")
def _council_criteria(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The grant criteria are no one's personal data: read with the council; written (a new
    version) by the council's own members."""
    if action == "change":
        return qs.filter(council__in=council_ids(user))
    return qs.filter(_council_condition(user, action, "council__"))


# --- predicates for the councils' pages and services ------------------------------------------


def managed_councils(user) -> QuerySet:
    """Councils whose seats, budget and rules the user manages: the district's leaders only (the
    council's own members read, apply and vote, DESIGN.md)."""
    if not has_role(user, Role.LEADER):
        return Council.objects.none()
    return Council.objects.filter(_led_council_condition(user))


def may_manage(user, council: Council) -> bool:
    """Whether the user manages the council's seats, budget and rules (see `managed_councils`)."""
    return managed_councils(user).filter(pk=council.pk).exists()


def own_councils(user) -> QuerySet:
    """Councils where the user holds a seat (the council member's own)."""
    return Council.objects.filter(pk__in=council_ids(user))


def only_own_council(user) -> Council | None:
    """The council a user who is nothing but a member of one council goes straight to; None for
    everyone else (leaders and staff get the list of councils)."""
    if has_role(user, Role.LEADER, Role.STAFF):
        return None
    own = list(own_councils(user)[:2])
    return own[0] if len(own) == 1 else None


def is_council_member(user, council: Council) -> bool:
    """Whether the user's login is a member of the council (a seat's membership, any role)."""
    return council.pk in council_ids(user)


def may_read_applications(user, council: Council) -> bool:
    """The council's own members and (for a council in their scope) the district's leaders read
    its applications, votes and decisions; staff only those they helped with."""
    return is_council_member(user, council) or has_role(user, Role.LEADER)


def may_apply(user, council: Council) -> bool:
    """Members apply to their own council; staff apply on a citizen's behalf at their own offers
    and to a council of the whole municipality."""
    if is_council_member(user, council):
        return True
    if council.scope == Council.Scope.CITY:
        return bool(staff_offer_ids(user))
    return council.offer_id is not None and council.offer_id in staff_offer_ids(user)


def voting_seat(user, council: Council) -> CouncilMember | None:
    """The user's voting seat on the council today (`CouncilMember.objects.voting`), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CouncilMember.objects.voting()
        .filter(council=council, user=user)
        .select_related("user")
        .first()
    )


def may_write_criteria(user, council: Council) -> bool:
    """The council writes its own grant criteria: whoever holds a voting seat today."""
    return voting_seat(user, council) is not None


def may_open_vote(user, council: Council) -> bool:
    """The chair opens votes; a council without a sitting chair lets any voting member do it."""
    seats = CouncilMember.objects.voting().filter(council=council)
    chairs = seats.filter(role=CouncilMember.Role.CHAIR)
    if chairs.exists():
        return chairs.filter(user=user).exists()
    return seats.filter(user=user).exists()


def may_withdraw_application(user, application: Application) -> bool:
    """Only the applicant (a council member applying as themselves) or the staff member who
    helped a citizen apply may withdraw an application (issue 15: checked in the service)."""
    return getattr(user, "pk", None) is not None and user.pk in (
        application.helped_by_id,
        application.applicant_user_id,
    )


def may_read_every_budget(user) -> bool:
    """Administration reads every council's budget totals (aggregates, never applications)."""
    return is_city_wide(user)


def seat_candidates(council: Council) -> QuerySet:
    """Active users who may be given a seat on `council`: those who already hold a role in its
    district (staff, leaders, council members there) and new users with no role yet. The seat
    form looks usernames up only here, so it tells nothing about users elsewhere in the city
    (issue 16). A council of the whole municipality may seat any active user.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if council.scope == Council.Scope.CITY:
        return users
    district_id = council.district_id or (council.offer.district_id if council.offer_id else None)
    in_district = (
        Q(memberships__offer__district_id=district_id)
        | Q(memberships__district_id=district_id)
        | Q(memberships__council__district_id=district_id)
        | Q(memberships__council__offer__district_id=district_id)
    )
    return users.filter(in_district | Q(memberships__isnull=True)).distinct()
