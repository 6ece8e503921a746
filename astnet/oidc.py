"""Login through the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

The provider says who someone is; its groups claim says what they may do in astnet, through the
mapping in settings.OIDC_GROUP_MEMBERSHIPS, applied at every login (issue 17):

- a user is found by the provider's `sub`, kept in ProviderIdentity; an e-mail address links an
  existing local user only when the provider says it is verified (`email_verified`);
- memberships the mapping gives are created, those it no longer gives are removed; memberships
  given in astnet itself stay;
- someone the provider knows but who ends with no membership is not logged in: they see a Danish
  page saying whom to ask (settings.OIDC_ACCESS_CONTACT), and no local user is created for them;
- failed logins through the provider are never counted by django-axes (`not_a_password_login`),
  so they cannot lock other people out;
- "Log ud" ends the provider's session too (`provider_logout_url`), and a session is refreshed
  against the provider every OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS (`ProviderSessionRefresh`).
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from astnet import access
from astnet.models import Membership, ProviderIdentity, Role

logger = logging.getLogger(__name__)

# Why a login through the provider was refused; the refusal page says it in Danish.
NO_ROLE = "no_role"
INACTIVE = "inactive"
UNAVAILABLE = "unavailable"
REFUSAL_SESSION_KEY = "astnet_oidc_refusal"

# Which place each role is held at, as the mapping names it.
PLACE_OF_ROLE = {
    Role.STAFF: "offer",
    Role.LEADER: "district",
    Role.COUNCIL_MEMBER: "council",
    Role.PEER_MENTOR: None,
    Role.ADMINISTRATION: None,
    Role.DATA_PROTECTION_OFFICER: None,
}


@dataclass(frozen=True)
class Grant:
    """One membership the mapping gives: a role and, for staff, leaders and council members, the
    place (an offer's or district's slug, a council's id)."""

    role: str
    place: str | int | None = None


def mapping_problems(mapping) -> list[str]:
    """What is wrong with an OIDC_GROUP_MEMBERSHIPS value, in English for the system check.

    The value maps a group name to a list of {"role": ..., "offer"|"district"|"council": ...}.
    """
    if not isinstance(mapping, dict):
        return ["OIDC_GROUP_MEMBERSHIPS must be a JSON object of group name -> list of grants."]
    problems = []
    for group, grants in mapping.items():
        if not isinstance(grants, list):
            problems.append(f"group {group!r}: expected a list of grants")
            continue
        for grant in grants:
            role = grant.get("role") if isinstance(grant, dict) else None
            if role not in PLACE_OF_ROLE:
                problems.append(f"group {group!r}: unknown role {role!r}")
                continue
            place = PLACE_OF_ROLE[role]
            extra = set(grant) - {"role", place}
            if extra or (place and not grant.get(place)):
                problems.append(
                    f"group {group!r}: role {role!r} takes exactly {place or 'no place'}"
                )
    return problems


def grants_for(groups) -> set[Grant]:
    """The memberships the mapping gives for a groups claim (a list of names, or one name)."""
    if isinstance(groups, str):
        groups = [groups]
    grants = set()
    for group in groups or []:
        for grant in settings.OIDC_GROUP_MEMBERSHIPS.get(str(group), []):
            place = PLACE_OF_ROLE[grant["role"]]
            grants.add(Grant(grant["role"], grant.get(place) if place else None))
    return grants


def _membership_key(membership: Membership) -> tuple:
    return (membership.role, membership.offer_id, membership.district_id, membership.council_id)


def _resolve(grant: Grant) -> tuple | None:
    """(role, offer_id, district_id, council_id) for a grant, or None when its place is unknown."""
    from django.apps import apps

    place = PLACE_OF_ROLE[grant.role]
    ids = {"offer": None, "district": None, "council": None}
    if place == "offer":
        ids["offer"] = (
            apps.get_model("offers", "Offer")
            .objects.filter(slug=grant.place)
            .values_list("pk", flat=True)
            .first()
        )
    elif place == "district":
        ids["district"] = (
            apps.get_model("offers", "District")
            .objects.filter(slug=grant.place)
            .values_list("pk", flat=True)
            .first()
        )
    elif place == "council":
        ids["council"] = (
            apps.get_model("peers", "Council")
            .objects.filter(pk=grant.place)
            .values_list("pk", flat=True)
            .first()
        )
    if place and ids[place] is None:
        logger.warning("OIDC_GROUP_MEMBERSHIPS names an unknown %s: %s", place, grant.place)
        return None
    return (grant.role, ids["offer"], ids["district"], ids["council"])


def sync_memberships(user, grants: set[Grant]) -> None:
    """Make the user's provider-given memberships exactly `grants`; local ones are kept."""
    wanted = {key for key in map(_resolve, grants) if key is not None}
    held = {_membership_key(m): m for m in user.memberships.all()}
    for key, membership in held.items():
        if membership.from_identity_provider and key not in wanted:
            membership.delete()
    for role, offer_id, district_id, council_id in wanted - set(held):
        Membership.objects.create(
            user=user,
            role=role,
            offer_id=offer_id,
            district_id=district_id,
            council_id=council_id,
            from_identity_provider=True,
        )
    # Roles changed: what the door loaded or built for this user object is read afresh.
    access.forget_memberships(user)


def _username_for(claims: dict) -> str:
    User = get_user_model()
    base = (claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


@transaction.atomic
def sign_in(claims: dict):
    """The local user for the provider's claims, with memberships synced; or (None, reason).

    Returns (user, None) or (None, NO_ROLE / INACTIVE). Creates a user only when the mapping
    gives them a role.
    """
    User = get_user_model()
    subject = str(claims["sub"])
    grants = grants_for(claims.get(settings.OIDC_GROUPS_CLAIM))
    identity = ProviderIdentity.objects.select_related("user").filter(subject=subject).first()
    user = identity.user if identity else None
    email = (claims.get("email") or "").strip()
    if user is None and email and claims.get("email_verified") is True:
        matches = list(User.objects.filter(email__iexact=email, provider_identity__isnull=True)[:2])
        if len(matches) == 1:
            user = matches[0]
    if user is None:
        if not grants:
            return None, NO_ROLE
        user = User.objects.create_user(username=_username_for(claims), email=email)
    if identity is None:
        ProviderIdentity.objects.create(user=user, subject=subject)
    if not user.is_active:
        return None, INACTIVE
    user.first_name = (claims.get("given_name") or user.first_name)[:150]
    user.last_name = (claims.get("family_name") or user.last_name)[:150]
    if email and claims.get("email_verified") is True:
        user.email = email
    user.save(update_fields=["first_name", "last_name", "email"])
    sync_memberships(user, grants)
    if not user.memberships.exists():
        return None, NO_ROLE
    return user, None


class MembershipOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with astnet's matching and mapping (`sign_in`)."""

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        # Claims from the signed ID token (where providers such as Entra ID put the groups),
        # completed and overridden by the userinfo endpoint's.
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        if not self.verify_claims(claims):
            raise SuspiciousOperation("the provider sent no sub")
        # userinfo must speak of the person the signed ID token names (OpenID Connect Core 5.3.2).
        if payload.get("sub") and str(claims["sub"]) != str(payload["sub"]):
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        user, refusal = sign_in(claims)
        if refusal:
            self.request.session[REFUSAL_SESSION_KEY] = refusal
        return user


def not_a_password_login(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: only password logins count towards a lockout.

    A login through the provider carries no username; counted, its failures would all share the
    username "None" and lock every provider login from that address out (issue 17). The provider
    guards its own passwords.
    """
    return not (credentials or {}).get("username")


def configuration_problems() -> list[str]:
    """What is missing or wrong in the OIDC_* settings, in English (for the system check)."""
    if not settings.OIDC_ENABLED:
        return []
    problems = [
        f"{name} is not set"
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_LOGOUT_ENDPOINT",
        )
        if not getattr(settings, name, "")
    ]
    if (
        settings.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS"))
        and not settings.OIDC_OP_JWKS_ENDPOINT
    ):
        problems.append(f"OIDC_OP_JWKS_ENDPOINT is needed for {settings.OIDC_RP_SIGN_ALGO}")
    if not settings.DEBUG and not settings.OIDC_ALLOW_HTTP:
        for name in (
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
        ):
            value = getattr(settings, name, "")
            if value and not value.startswith("https://"):
                problems.append(f"{name} must use https")
    problems += mapping_problems(settings.OIDC_GROUP_MEMBERSHIPS)
    if not settings.OIDC_GROUP_MEMBERSHIPS:
        problems.append("OIDC_GROUP_MEMBERSHIPS is empty: nobody would get a role")
    return problems


def refusal_page(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    """The Danish page for a login through the provider that did not let the person in."""
    context = {
        "reason": reason,
        "contact": settings.OIDC_ACCESS_CONTACT,
        "provider_logout": provider_logout_url(request) if reason != UNAVAILABLE else "",
    }
    return render(request, "registration/oidc_refused.html", context, status=status)


class AuthenticateView(OIDCAuthenticationRequestView):
    """Starts a login at the provider; a misconfiguration is a Danish page, never a 500."""

    def __init__(self, *args, **kwargs):
        self.problems = configuration_problems()
        if settings.OIDC_ENABLED and not self.problems:
            super().__init__(*args, **kwargs)
        else:
            super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        if self.problems:
            logger.error(
                "login through the provider is misconfigured: %s", "; ".join(self.problems)
            )
            return refusal_page(request, UNAVAILABLE, status=503)
        request.session.pop(REFUSAL_SESSION_KEY, None)
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. Refusals and failures are Danish pages (never an English 400/500)."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        if configuration_problems():
            return refusal_page(request, UNAVAILABLE, status=503)
        try:
            return super().get(request)
        except (SuspiciousOperation, ImproperlyConfigured, requests.RequestException) as error:
            logger.warning("login through the provider failed: %s", type(error).__name__)
            return refusal_page(request, UNAVAILABLE, status=400)

    def login_failure(self):
        reason = self.request.session.pop(REFUSAL_SESSION_KEY, None)
        if reason is None and self.request.GET.get("error"):
            # prompt=none found no session at the provider (logged out or disabled there): the
            # local session has just ended; log in again from the login page.
            return super().login_failure()
        return refusal_page(self.request, reason or UNAVAILABLE)


class ProviderSessionRefresh(SessionRefresh):
    """mozilla-django-oidc's SessionRefresh for sessions that began at the provider only.

    Every OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS a page load goes by the provider (prompt=none,
    invisible to a user still logged in there); a user logged out or disabled at the provider
    comes back with an error and is logged out here. Password logins, htmx requests and
    background polls are left alone (a redirect to the provider cannot be followed by htmx).
    """

    def is_refreshable_url(self, request) -> bool:
        return (
            settings.OIDC_ENABLED
            and "oidc_id_token_expiration" in request.session
            and not request.headers.get("HX-Request")
            and super().is_refreshable_url(request)
        )

    def process_request(self, request):
        if not settings.OIDC_ENABLED:
            return None
        # Read at each request, not once at start: the settings are the provider's, not ours.
        self.OIDC_OP_AUTHORIZATION_ENDPOINT = settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_SCOPES = settings.OIDC_RP_SCOPES
        return super().process_request(request)


def provider_logout_url(request: HttpRequest) -> str:
    """OIDC_OP_LOGOUT_URL_METHOD: the provider's end-session URL (RP-initiated logout), with the
    ID token as hint and the login page to come back to; "" when the session has no ID token."""
    id_token = request.session.get("oidc_id_token")
    if not id_token or not settings.OIDC_OP_LOGOUT_ENDPOINT:
        return ""
    query = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(query)}"
