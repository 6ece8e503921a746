"""Who may see and change what: the one place that scopes every list and every object.

A user holds roles at places (`Membership`). Views and selectors ask this module for the rows a user
may see (`scope`) or for one object (`get_in_scope`); an object outside the scope answers 404 so its
existence is not disclosed. A page the role may not use at all answers 403 (`require_role`).
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Literal

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from astnet.models import Membership, Role

ScopeAction = Literal["view", "change"]
ScopeRule = Callable[[object, QuerySet, ScopeAction], QuerySet]

_MEMBERSHIP_CACHE = "_astnet_memberships"


def memberships(user) -> list[Membership]:
    """The user's memberships, loaded once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _MEMBERSHIP_CACHE, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related("offer", "district", "council")
        )
        setattr(user, _MEMBERSHIP_CACHE, cached)
    return cached


def forget_memberships(user) -> None:
    if hasattr(user, _MEMBERSHIP_CACHE):
        delattr(user, _MEMBERSHIP_CACHE)


def roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role(user, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def staff_offer_ids(user) -> set[int]:
    return {m.offer_id for m in memberships(user) if m.role == Role.STAFF}


def leader_district_ids(user) -> set[int]:
    return {m.district_id for m in memberships(user) if m.role == Role.LEADER}


def council_ids(user) -> set[int]:
    return {m.council_id for m in memberships(user) if m.role == Role.COUNCIL_MEMBER}


def is_city_wide(user) -> bool:
    return has_role(user, Role.ADMINISTRATION)


# --- rules per model ---------------------------------------------------------------------------

_RULES: dict[str, ScopeRule] = {}


def rule(label: str) -> Callable[[ScopeRule], ScopeRule]:
    def register(func: ScopeRule) -> ScopeRule:
        _RULES[label] = func
        return func

    return register


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


@rule("citizens.citizen")
def _citizens(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Staff see and change citizens of their own offers; leaders read their district's."""
    offer_ids = staff_offer_ids(user)
    if not offer_ids and action == "change":
        return qs.none()
    their_offers = Q(offer__in=offer_ids)
    if action == "view":
        their_offers |= Q(offer__district__in=leader_district_ids(user))
    # EXISTS per citizen, not joins: joining the visits would read every visit of every citizen
    # (millions of rows in a city) before the offer is looked at. An anonymised citizen belongs to
    # no one any more: only their counted rows remain (citizens/rights/).
    home_offers = qs.model.home_offers.through.objects.filter(their_offers, citizen=OuterRef("pk"))
    visits = apps.get_model("citizens", "Visit").objects.filter(
        their_offers, citizen=OuterRef("pk")
    )
    return qs.filter(Exists(home_offers) | Exists(visits)).exclude(
        privacy__anonymised_at__isnull=False
    )


@rule("citizens.visit")
def _visits(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    condition = Q(offer__in=staff_offer_ids(user))
    if action == "view":
        condition |= Q(offer__district__in=leader_district_ids(user))
    return qs.filter(condition)


@rule("citizens.anonymousvisits")
@rule("citizens.followup")
@rule("citizens.followupsetting")
def _per_offer_citizen_work(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Head counts and follow-up belong to an offer: its staff change them, the leader reads."""
    condition = Q(offer__in=staff_offer_ids(user))
    if action == "view":
        condition |= Q(offer__district__in=leader_district_ids(user))
    return qs.filter(condition)


@rule("citizens.consent")
@rule("citizens.expectationtalk")
@rule("citizens.outreach")
def _about_a_citizen(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Consents, talks and outreach follow the citizen they are about."""
    citizen_model = qs.model._meta.get_field("citizen").related_model
    return qs.filter(citizen__in=scope(user, citizen_model, action).values("pk"))


# --- citizens' rights (GDPR art. 15-17) ---------------------------------------------------------
# The data-protection officer answers every citizen's requests (access, erasure); a leader may
# produce the access export for their own district's citizens. Neither sees the records otherwise.


def rights_citizens(user) -> QuerySet:
    from citizens.models import Citizen

    if has_role(user, Role.DATA_PROTECTION_OFFICER):
        return Citizen.objects.exclude(privacy__anonymised_at__isnull=False)
    return scope(user, Citizen, "view") if leader_district_ids(user) else Citizen.objects.none()


def rights_consents(user, action: ScopeAction = "view") -> QuerySet:
    """The consent overview: the officer every consent, others as the consent rule says."""
    from citizens.models import Consent

    if has_role(user, Role.DATA_PROTECTION_OFFICER):
        return Consent.objects.filter(citizen__in=rights_citizens(user).values("pk"))
    return scope(user, Consent, action)


@rule("citizens.citizenprivacy")
@rule("citizens.citizenrevision")
def _citizen_rights_records(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The legal hold is the officer's to change; the history is read with the export."""
    if action == "change" and not has_role(user, Role.DATA_PROTECTION_OFFICER):
        return qs.none()
    return qs.filter(citizen__in=rights_citizens(user).values("pk"))


# --- courses (forløb) ----------------------------------------------------------------------------
# Every AST employee may read the city's course catalogue (referrals come from any offer); the
# register and the participants belong to those who run the course: staff of a host offer and the
# lead change them, the host district's leaders read them.


def course_runner_ids(user, action: ScopeAction):
    """The ids (a subquery) of courses whose register and participants the user works with."""
    from citizens.models import Course

    condition = Q(host_offers__in=staff_offer_ids(user))
    if has_role(user, Role.STAFF):
        condition |= Q(lead=user)
    if action == "view":
        condition |= Q(host_offers__district__in=leader_district_ids(user))
    return Course.objects.filter(condition).values("pk")


@rule("citizens.course")
def _courses(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action == "view" and has_role(user, Role.STAFF):
        return qs
    return qs.filter(pk__in=course_runner_ids(user, action))


@rule("citizens.session")
def _course_sessions(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Dates, places and themes are no one's personal data: they follow the course."""
    course_model = qs.model._meta.get_field("course").related_model
    return qs.filter(course__in=_courses(user, course_model.objects.all(), action).values("pk"))


@rule("citizens.enrollment")
def _enrollments(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Those running the course, and (reading) those who have the citizen in their own scope."""
    condition = Q(course__in=course_runner_ids(user, action))
    if action == "view":
        citizen_model = qs.model._meta.get_field("citizen").related_model
        condition |= Q(citizen__in=scope(user, citizen_model, "view").values("pk"))
    return qs.filter(condition)


@rule("citizens.attendance")
def _course_attendance(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return qs.filter(session__course__in=course_runner_ids(user, action))


@rule("citizens.goal")
def _goals(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """A goal follows its citizen, and a goal set on a course also its course's runners."""
    citizen_model = qs.model._meta.get_field("citizen").related_model
    return qs.filter(
        Q(citizen__in=scope(user, citizen_model, action).values("pk"))
        | Q(enrollment__course__in=course_runner_ids(user, action))
    )


@rule("citizens.goalrating")
def _goal_ratings(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    goal_model = qs.model._meta.get_field("goal").related_model
    return qs.filter(goal__in=_goals(user, goal_model.objects.all(), action).values("pk"))


@rule("astnet.report")
def _reports(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Socialudvalg reports are the administration's: city-wide figures, no one else's."""
    return qs if is_city_wide(user) else qs.none()


@rule("astnet.auditevent")
def _audit_events(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action == "view" and has_role(user, Role.DATA_PROTECTION_OFFICER):
        return qs
    return qs.none()


# --- workshops (samskabelse) ------------------------------------------------------------------
# Leaders run workshops for their district; staff facilitate tables there and take part; council
# members take part in their council's district; peer mentors and administration read them all.

WORKSHOP_ROLES = (
    Role.STAFF,
    Role.LEADER,
    Role.COUNCIL_MEMBER,
    Role.PEER_MENTOR,
    Role.ADMINISTRATION,
)


def workshop_district_filter(user, action: ScopeAction, path: str = "district") -> Q | None:
    """Rows (reached from the district by `path`) whose workshops the user may see or facilitate;
    None means every district."""
    if action == "view" and has_role(user, Role.ADMINISTRATION, Role.PEER_MENTOR):
        return None
    from offers.models import District

    district_ids = leader_district_ids(user) | {
        m.offer.district_id for m in memberships(user) if m.role == Role.STAFF
    }
    condition = Q(pk__in=district_ids)
    councils = council_ids(user)
    if action == "view" and councils:
        condition |= Q(councils__in=councils) | Q(offers__councils__in=councils)
    return Q(**{f"{path}__in": District.objects.filter(condition).values("pk")})


def _workshop_scope(qs: QuerySet, condition: Q | None) -> QuerySet:
    return qs if condition is None else qs.filter(condition)


@rule("workshops.process")
def _workshop_processes(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Processes are the city's shared frame: readable by every workshop role, changed in admin."""
    if action == "view" and has_role(user, *WORKSHOP_ROLES):
        return qs
    return qs.none()


@rule("workshops.theme")
def _workshop_themes(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return _workshop_processes(user, qs, action)


@rule("workshops.milestone")
def _workshop_milestones(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Leaders keep the plan of a process they run workshops in (a workshop in their district)."""
    if action == "change":
        processes = qs.model._meta.get_field("process").related_model.objects.filter(
            workshops__district__in=leader_district_ids(user)
        )
        return qs.filter(process__in=processes.values("pk"))
    return _workshop_processes(user, qs, action)


@rule("workshops.workshop")
def _workshops(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Change means facilitating: tables, inputs and the big screen (staff and leaders)."""
    return _workshop_scope(qs, workshop_district_filter(user, action))


@rule("workshops.table")
def _workshop_tables(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return _workshop_scope(qs, workshop_district_filter(user, action, "workshop__district"))


@rule("workshops.input")
def _workshop_inputs(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return _workshop_scope(qs, workshop_district_filter(user, action, "table__workshop__district"))


@rule("workshops.scenario")
def _scenarios(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Scenarios are the district's proposals to Socialudvalget: only its leaders change them."""
    if action == "change":
        return qs.filter(district__in=leader_district_ids(user))
    return _workshop_scope(qs, workshop_district_filter(user, action))


def scope(user, queryset: QuerySet | type[Model], action: ScopeAction = "view") -> QuerySet:
    """The rows of `queryset` that `user` may see (or change). Unknown models are refused whole."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    scoper = _RULES.get(qs.model._meta.label_lower)
    if scoper is None:
        return qs.none()
    return scoper(user, qs, action)


def get_in_scope(
    user, queryset: QuerySet | type[Model], action: ScopeAction = "view", **lookup
) -> Model:
    """One object the user may see (or change), or 404 whether it is missing or out of scope."""
    try:
        return scope(user, queryset, action).get(**lookup)
    except (
        (queryset.model if isinstance(queryset, QuerySet) else queryset).DoesNotExist,
        ValueError,
    ) as error:
        raise Http404 from error


def require_role(*allowed: str) -> Callable:
    """View decorator: login required; a role outside `allowed` is refused with 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator


def roles_in_order(user) -> list[str]:
    """The user's roles in the order their home pages are preferred after login."""
    order: Iterable[str] = [
        Role.STAFF,
        Role.LEADER,
        Role.ADMINISTRATION,
        Role.DATA_PROTECTION_OFFICER,
        Role.COUNCIL_MEMBER,
        Role.PEER_MENTOR,
    ]
    held = roles(user)
    return [role for role in order if role in held]
