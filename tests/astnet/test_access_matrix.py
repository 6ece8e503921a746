"""DESIGN.md's access matrix as code: every URL pattern, walked from the resolver, for no login and
for every role. A new view is covered the moment it is routed.

- A view guarded by `access.require_role` answers its roles, refuses the others with 403 and sends
  anonymous users to login.
- With an id that does not exist, a permitted role gets 404, never a 500.
- Only the views named in PUBLIC may answer an anonymous visitor.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from astnet.models import Role

SKIPPED_NAMESPACES = {"admin", "djdt"}
SKIPPED_NAMES = {"logout", "set_language", "javascript-catalog"}

# Views anyone may use without logging in. Adding a name here is a decision about personal data.
PUBLIC = {
    "public_home",
    "healthz",
    "healthz_database",
    "login",
    # The public programme (issue 3): offers and activities, no personal data.
    "offers_public:offer_list",
    "offers_public:offer_detail",
    "offers_public:offer_pdf",
    "offers_public:offer_calendar",
    "offers_public:programme",
    "offers_public:district_pdf",
    "offers_public:district_calendar",
    # A council's grants and budget left (issue 7): only a first name, and only with consent.
    "peers:public",
    # Dot voting from a phone with the workshop's short code (issue 8): no account, no names.
    "workshops:vote_start",
    "workshops:ballot",
    "workshops:dot",
    # Logging in through the municipality's identity provider (issue 17): 404 while it is off.
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
}

# Views for anyone logged in, whatever their roles: the way home and the second factor.
LOGGED_IN_ANY_ROLE = {"home", "second_factor_verify", "second_factor_setup"}

ROLES = [None, *Role.values]


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIPPED_NAMESPACES:
                continue
            full_ns = ":".join(part for part in (namespace, ns) if part)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in SKIPPED_NAMES:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry.callback


ROUTES = sorted(set(_walk(get_resolver().url_patterns)), key=lambda route: route[0])

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_SAMPLE = {
    "int": 987654,
    "slug": "findes-ikke",
    "str": "findes-ikke",
    "uuid": "0" * 32,
    "path": "x",
}


def _url_for(name: str, pattern: str) -> tuple[str, bool]:
    """The route's URL, with ids that exist nowhere; and whether it takes parameters at all."""
    kwargs = {
        match["name"]: _SAMPLE.get(match["converter"] or "str", "x")
        for match in _CONVERTER.finditer(pattern)
    }
    if "uuid" in {m["converter"] for m in _CONVERTER.finditer(pattern)}:
        kwargs = {
            k: "00000000-0000-0000-0000-000000000000" if v == "0" * 32 else v
            for k, v in kwargs.items()
        }
    return reverse(name, kwargs=kwargs or None), bool(kwargs)


def _login_url_prefix() -> str:
    return reverse("login")


@pytest.mark.parametrize(("name", "pattern", "view"), ROUTES, ids=[r[0] for r in ROUTES])
def test_every_route_answers_each_role_as_the_matrix_says(client, world, name, pattern, view):
    url, has_params = _url_for(name, pattern)
    allowed = set(getattr(view, "allowed_roles", ()) or ())
    public = name in PUBLIC or name.split(":")[-1] in PUBLIC

    for role in ROLES:
        client.logout()
        if role is not None:
            client.force_login(world.persona(role))
        status = client.get(url).status_code
        who = role or "anonymous"
        assert status < 500, f"{name} as {who}: {status}"

        if role is None:
            if not public:
                response = client.get(url)
                assert status in {302, 405}, f"{name} answers anonymous users with {status}"
                if status == 302:
                    assert response["Location"].startswith(_login_url_prefix())
            continue
        if not allowed:
            continue
        if role in allowed:
            expected = {404, 405} if has_params else {200, 302, 405}
        else:
            expected = {403, 405}
        assert status in expected, f"{name} as {who}: {status}, expected {sorted(expected)}"


def test_every_non_public_view_declares_its_roles():
    """A logged-in view without `require_role` would be open to every role: name them all."""
    undeclared = [
        name
        for name, _pattern, view in ROUTES
        if name not in PUBLIC
        and name.split(":")[-1] not in PUBLIC
        and not getattr(view, "allowed_roles", None)
        and name not in LOGGED_IN_ANY_ROLE
    ]
    assert undeclared == []
