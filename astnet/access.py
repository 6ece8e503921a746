"""Who may see and change what: the one place that scopes every list and every object.

A user holds roles at places (`Membership`). Views and selectors ask this module for the rows a user
may see (`scope`) or for one object (`get_in_scope`); an object outside the scope answers 404 so its
existence is not disclosed. A page the role may not use at all answers 403 (`require_role`).
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Literal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Q, QuerySet
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
_PUBLIC: dict[str, str] = {}


def _claim(label: str) -> None:
    if label in _RULES or label in _PUBLIC:
        raise ImproperlyConfigured(f"{label} already has an access rule or is declared public.")


def rule(label: str) -> Callable[[ScopeRule], ScopeRule]:
    """Decorator: `func(user, queryset, action)` decides the rows of the model `label`
    ("app_label.modelname") a user may see or change. Each app's `access.py` registers its
    models' rules, imported from its AppConfig.ready(). A label gets one rule or one public
    declaration; a second raises ImproperlyConfigured."""

    def register(func: ScopeRule) -> ScopeRule:
        _claim(label)
        _RULES[label] = func
        return func

    return register


def declare_public(label: str, reason: str) -> None:
    """The model `label` holds nothing to scope (a shared catalogue, no personal data): every
    logged-in user may read all of it and no one changes it through the door (only in admin).
    `reason` says why, for the reader and the house-plan test that every model is accounted for."""
    if not reason.strip():
        raise ImproperlyConfigured(f"Say why {label} is public.")
    _claim(label)
    _PUBLIC[label] = reason


def is_accounted_for(label: str) -> bool:
    """True when the model `label` has a rule or is declared public (tests/astnet/test_house_plan.py)."""
    return label in _RULES or label in _PUBLIC


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
    return condition


def _led_council_condition(user, prefix: str = "") -> Q:
    """Councils in the districts the user leads (at the district or at one of its offers)."""
    districts = leader_district_ids(user)
    return Q(**{f"{prefix}district__in": districts}) | Q(
        **{f"{prefix}offer__district__in": districts}
    )


@rule("peers.council")
def _councils(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return qs.filter(_council_condition(user, action))


def managed_councils(user) -> QuerySet:
    """Councils whose seats, budget and rules the user manages: the district's leaders only (the
    council's own members read, apply and vote, DESIGN.md)."""
    # Imported late: this module loads before, and without, the apps it scopes.
    from peers.models import Council

    if not has_role(user, Role.LEADER):
        return Council.objects.none()
    return Council.objects.filter(_led_council_condition(user))


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
        districts = leader_district_ids(user)
        condition |= Q(council__district__in=districts) | Q(council__offer__district__in=districts)
    return qs.filter(condition)


@rule("peers.applicationattachment")
@rule("peers.decision")
def _application_parts(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action == "change":
        return qs.none()
    applications = qs.model._meta.get_field("application").related_model.objects.all()
    return qs.filter(application__in=_applications(user, applications, "view").values("pk"))


@rule("astnet.report")
def _reports(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Socialudvalg reports are the administration's: city-wide figures, no one else's."""
    return qs if is_city_wide(user) else qs.none()


@rule("astnet.auditevent")
def _audit_events(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action == "view" and has_role(user, Role.DATA_PROTECTION_OFFICER):
        return qs
    return qs.none()


# --- peer mentors (peer-vejledere) --------------------------------------------------------------
# Center Nordvest is the city's competence centre that trains peer mentors: its leaders coordinate
# the training for the whole city. Other leaders and staff read the mentors (the network) and the
# placements and meetings at their own offers; a mentor reads their own record; administration sees
# aggregates only, never rows.

TRAINING_CENTRE_SLUG = "nordvest"


def is_training_coordinator(user) -> bool:
    return any(
        m.role == Role.LEADER and m.district.slug == TRAINING_CENTRE_SLUG for m in memberships(user)
    )


def _offer_work_condition(user, path: str = "offer") -> Q:
    """Rows at offers the user works at (staff) or leads (leader)."""
    return Q(**{f"{path}__in": staff_offer_ids(user)}) | Q(
        **{f"{path}__district__in": leader_district_ids(user)}
    )


@rule("peers.trainingprogramme")
@rule("peers.trainingmodule")
@rule("peers.language")
@rule("peers.experiencetheme")
def _mentor_catalogue(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The programme and the tag lists are no secret to anyone working with peer mentors."""
    if is_training_coordinator(user):
        return qs
    if action == "view" and has_role(user, Role.STAFF, Role.LEADER, Role.PEER_MENTOR):
        return qs
    return qs.none()


@rule("peers.trainingcohort")
def _cohorts(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if is_training_coordinator(user):
        return qs
    if action == "view":
        mine = qs.model.objects.filter(participations__mentor__user=user).values("pk")
        return qs.filter(pk__in=mine)
    return qs.none()


@rule("peers.participation")
@rule("peers.modulesession")
@rule("peers.moduleattendance")
def _training_records(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Registers are the coordinator's; a mentor reads their own progress."""
    if is_training_coordinator(user):
        return qs
    if action == "change":
        return qs.none()
    path = {
        "participation": "mentor__user",
        "modulesession": "cohort__participations__mentor__user",
        "moduleattendance": "participation__mentor__user",
    }[qs.model._meta.model_name]
    return qs.filter(pk__in=qs.model.objects.filter(**{path: user}).values("pk"))


@rule("peers.peermentor")
def _peer_mentors(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The network across centres: every leader and staff member may find a mentor to ask."""
    if is_training_coordinator(user):
        return qs
    if action == "view" and has_role(user, Role.STAFF, Role.LEADER):
        return qs
    if action == "view":
        return qs.filter(user=user)
    return qs.none()


@rule("peers.placement")
@rule("peers.peermeeting")
def _mentor_work(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Placements and meetings: the coordinator all, an offer's staff and leaders their own
    offers' (read), a mentor their own (a mentor logs meetings through the service)."""
    if is_training_coordinator(user):
        return qs
    if action == "change":
        return qs.none()
    mine = "mentor__user" if qs.model._meta.model_name == "placement" else "mentors__user"
    condition = _offer_work_condition(user) | Q(**{mine: user})
    return qs.filter(pk__in=qs.model.objects.filter(condition).values("pk"))


@rule("peers.supervision")
def _supervisions(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Supervision notes are between the supervisor and the mentors present: nobody else, not
    even another coordinator."""
    if action == "change":
        return qs.filter(supervisor=user)
    return qs.filter(
        pk__in=qs.model.objects.filter(Q(supervisor=user) | Q(mentors_present__user=user)).values(
            "pk"
        )
    )


@rule("peers.yearlytarget")
def _yearly_targets(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if is_training_coordinator(user):
        return qs
    if action == "view" and is_city_wide(user):
        return qs
    return qs.none()


def scope(user, queryset: QuerySet | type[Model], action: ScopeAction = "view") -> QuerySet:
    """The rows of `queryset` that `user` may see (or change). Unknown models are refused whole;
    a model declared public is read whole and changed by no one."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    label = qs.model._meta.label_lower
    if label in _PUBLIC:
        return qs if action == "view" else qs.none()
    scoper = _RULES.get(label)
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


# --- the foundation's own models -----------------------------------------------------------------
# (reports and audit events have their rules above.)


@rule("astnet.membership")
def _memberships(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """A user reads their own roles; memberships are given and taken in admin only."""
    return qs.filter(user=user) if action == "view" else qs.none()


declare_public(
    "astnet.districttargetshare",
    "each district's share of the target group: a published social indicator, no personal data",
)
