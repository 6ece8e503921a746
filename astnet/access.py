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
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured, PermissionDenied
from django.db.models import CharField, Exists, Model, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest

from astnet import scope_cache
from astnet.models import Membership, Role

ScopeAction = Literal["view", "change"]
ScopeRule = Callable[[object, QuerySet, ScopeAction], QuerySet]

_MEMBERSHIP_CACHE = "_astnet_memberships"
# Scopes used for this user object (issue 22: the citizen page built the citizen scope 13 times),
# and the objects found in them. Kept on the user object beside its memberships: Django loads a
# new user object for every request, so nothing here outlives the request or passes to another
# user. The scopes themselves come from `scope_cache`, shared by requests of the same user with
# the same memberships.
_SCOPE_CACHE = "_astnet_scopes"


def _is_active_user(user) -> bool:
    """A logged-in, active user: the only kind the door remembers anything for."""
    return getattr(user, "is_authenticated", False) and user.is_active


def memberships(user) -> list[Membership]:
    """The user's memberships, loaded once per request (cached on the user object)."""
    if not _is_active_user(user):
        return []
    cached = getattr(user, _MEMBERSHIP_CACHE, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related("offer", "district", "council")
        )
        setattr(user, _MEMBERSHIP_CACHE, cached)
    return cached


def forget_memberships(user) -> None:
    """Drops the memberships loaded for `user` and every scope built from them: the next lookup
    reads them afresh (after a role was given or taken while the same user object lives on)."""
    for name in (_MEMBERSHIP_CACHE, _SCOPE_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def memoised(user, key: tuple, build: Callable[[], QuerySet | Exists]):
    """The queryset or expression `build()` makes for `user` under `key`: looked up once per user
    object (so once per request) and built once per process for the same user with the same
    memberships (`scope_cache.shared`, which keeps no build that read the database). A queryset
    is handed out as a fresh copy each time (a caller's evaluation or filters never reach the next
    caller); an expression as it is (a query copies it when the expression is used). For scope
    rules and the parts they share (`course_runner_ids`): what they build may depend only on the
    user and their memberships, and ask everything else of the database in SQL."""
    if not _is_active_user(user):
        return build()
    memo = _memo(user)
    if key not in memo:
        if _USER_KEY not in memo:
            memo[_USER_KEY] = scope_cache.user_key(user, memberships(user))
        memo[key] = scope_cache.shared(key, memo[_USER_KEY], build)
    value = memo[key]
    return value.all() if isinstance(value, QuerySet) else value


# Under this key the memo holds the user's `scope_cache.user_key`, made once per request.
_USER_KEY = ("user_key",)


def _found_key(obj: Model, action: ScopeAction) -> tuple:
    """The memo's note that `get_in_scope` found `obj` in the user's `action` scope."""
    return ("found", obj._meta.label_lower, obj.pk, action)


def _memo(user) -> dict:
    """What the door keeps for this user object (scopes built, objects found in a scope)."""
    memo = getattr(user, _SCOPE_CACHE, None)
    if memo is None:
        memo = {}
        setattr(user, _SCOPE_CACHE, memo)
    return memo


def roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role(user, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def staff_offer_ids(user) -> set[int]:
    return {m.offer_id for m in memberships(user) if m.role == Role.STAFF}


def staff_offers(user) -> dict:
    """The offers where the user is staff, by id, as loaded with the memberships (no query)."""
    return {m.offer_id: m.offer for m in memberships(user) if m.role == Role.STAFF}


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
    ("app_label.modelname") a user may see or change. A rule only narrows the queryset it is
    given, by conditions on the user, their memberships and SQL (`get_in_scope` relies on it). Each app's `access.py` registers its
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


@rule("astnet.report")
def _reports(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Status reports to the committee are the administration's: city-wide figures only."""
    return qs if is_city_wide(user) else qs.none()


@rule("astnet.auditevent")
def _audit_events(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The data-protection officer reads the whole city's log; a centre leader their district's
    (DESIGN.md, roles): the events of the people who work there (a membership at one of the
    district's offers, or as its leader) and the events about what the leader may read themselves
    among the declared audit subjects (a citizen at home in or visiting the district's offers, see
    `declare_audit_subject`). No one changes an event (the database refuses it as well)."""
    if action != "view":
        return qs.none()
    if audit_log_is_whole(user):
        return qs
    districts = leader_district_ids(user)
    if not districts:
        return qs.none()
    workers = Membership.objects.filter(
        Q(offer__district__in=districts) | Q(district__in=districts)
    ).values("user")
    condition = Q(actor__in=workers)
    for label in _AUDIT_SUBJECTS:
        model = apps.get_model(label)
        readable = scope(user, model).annotate(key=Cast("pk", CharField())).values("key")
        condition |= Q(object_type=label, object_id__in=readable)
    return qs.filter(condition)


_AUDIT_SUBJECTS: list[str] = []


def declare_audit_subject(label: str) -> None:
    """Events about objects of `label` that a leader may read belong to the leader's audit log
    even when someone outside the district made them (who looked at our citizens). Registered by
    the app that owns the model, from its access.py."""
    if label not in _AUDIT_SUBJECTS:
        _AUDIT_SUBJECTS.append(label)


def audit_log_is_whole(user) -> bool:
    """The data-protection officer reads every event and every object's name in it; anyone else
    reads names only of objects in their own scope (astnet/audit_log.py)."""
    return has_role(user, Role.DATA_PROTECTION_OFFICER)


def scope(user, queryset: QuerySet | type[Model], action: ScopeAction = "view") -> QuerySet:
    """The rows of `queryset` that `user` may see (or change). Unknown models are refused whole;
    a model declared public is read whole and changed by no one."""
    if isinstance(queryset, type):
        # A whole model's scope (the common case, and every scope nested in another's rule) is
        # built once per request; a given queryset is filtered by the rule each time.
        return memoised(
            user,
            ("scope", queryset._meta.label_lower, action),
            lambda: _scope(user, queryset._default_manager.all(), action),
        )
    return _scope(user, queryset, action)


def _scope(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if not _is_active_user(user):
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
    """One object the user may see (or change), or 404 whether it is missing or out of scope.
    The door remembers, for this user object (so this request), that the object was found in
    that scope: `rows_about` reads the rows that follow it without asking its rule again.

    The rule stands in the query as the user's scope compiled once (`follows` on the primary key:
    kept for the same user with the same memberships), not built and compiled again around this
    queryset. For one object these are the same rows because a rule only narrows the queryset it
    is given (see `rule`); the citizen page's lookup took 1.3 ms less (issue 22;
    tests/astnet/test_get_in_scope.py walks every rule)."""
    model = queryset.model if isinstance(queryset, QuerySet) else queryset
    label = model._meta.label_lower
    if label in _RULES:
        rows = queryset if isinstance(queryset, QuerySet) else model._default_manager.all()
        candidates = rows.filter(follows(user, model, action, "pk"))
    else:
        candidates = scope(user, queryset, action)
    try:
        found = candidates.get(**lookup)
    except (model.DoesNotExist, ValueError) as error:
        raise Http404 from error
    if _is_active_user(user):
        _memo(user)[_found_key(found, action)] = True
    return found


# Models whose rule shows every row about an object the user may view (and maybe more rows), by
# the field that points at that object: {"citizens.consent": "citizen"}.
_FOLLOWS_OWNER: dict[str, str] = {}


def declare_follows_owner(label: str, field: str) -> None:
    """Declare that the rule of `label` lets a user view every row whose `field` points at an
    object the user may view (the rule may show more rows, never fewer). Registered from the
    app's access.py beside the rule; tests/astnet/test_rows_about.py proves each declaration
    against its rule with rows of every kind. Lets `rows_about` skip the rule for an owner the
    door has just found in the user's view scope."""
    _FOLLOWS_OWNER[label] = field


def rows_about(user, model: type[Model], owner: Model) -> QuerySet:
    """The rows of `model` about `owner` (through the field declared with
    `declare_follows_owner`) that `user` may view. When `get_in_scope` found `owner` in the
    user's view scope for this user object (this request), that alone decides: the rule is not
    compiled into the query again (issue 22: five lists on the citizen page each carried the
    citizen's whole scope). Otherwise the model's rule decides as in `scope`.
    Raises ImproperlyConfigured for a model without such a declaration."""
    label = model._meta.label_lower
    field = _FOLLOWS_OWNER.get(label)
    if field is None:
        raise ImproperlyConfigured(f"{label} is not declared to follow an owner.")
    rows = model._default_manager.filter(**{field: owner})
    if _is_active_user(user) and _memo(user).get(_found_key(owner, "view")):
        return rows
    return _scope(user, rows, "view")


def follows(user, model: type[Model], action: ScopeAction, field: str) -> Exists:
    """A rule's condition for rows whose `field` points at an object of `model` in the user's
    scope, as a correlated EXISTS: PostgreSQL checks it row by row through `model`'s primary key.
    `field__in=scope(...)` joined to another condition by OR cannot become a semi-join, so the
    planner builds the whole scope first: for citizens, every visit of the user's offers, read to
    show one citizen's goals (issue 22: 518–541 ms a query on 2.5 M visits).

    The scope inside is compiled to SQL once (`memoised`: per request, and kept for the same user
    with the same memberships) and put in as it is: a scope nested in
    a rule was otherwise compiled again for every query that used it (13 times, 12 ms, for one
    citizen page). Inside the EXISTS the scope stands in an `IN` joined by AND, which PostgreSQL
    turns into a semi-join probed through the primary key (tests/test_query_plans.py)."""
    return memoised(
        user,
        ("follows", model._meta.label_lower, action, field),
        lambda: _follows(user, model, action, field),
    )


def _follows(user, model: type[Model], action: ScopeAction, field: str) -> Exists:
    scoped = scope(user, model, action).order_by().values("pk")
    try:
        sql, params = scoped.query.get_compiler(using=scoped.db).as_sql()
    except EmptyResultSet:
        return Exists(model._base_manager.none())
    # The SQL is what Django compiled from the scope's own queryset, its values still parameters.
    compiled = RawSQL(sql, tuple(params))  # noqa: S611  # nosec B611 - compiled by Django
    return Exists(model._base_manager.filter(pk=OuterRef(field), pk__in=compiled))


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
        Role.TRAINING_COORDINATOR,
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


@rule("astnet.provideridentity")
def _provider_identities(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Written only by a login through the provider (astnet/oidc.py); a user reads their own."""
    return qs.filter(user=user) if action == "view" else qs.none()


declare_public(
    "astnet.districttargetshare",
    "each district's share of the target group: a published social indicator, no personal data",
)
declare_public(
    "astnet.municipality",
    "the municipality's name and the words its pages use: printed on every public page",
)
