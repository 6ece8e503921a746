"""The navigation: what each role may use, in one list. A page missing here is not reachable."""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from astnet import access
from astnet.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: everyone, logged in or not


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Forside"), "public_home"),
    NavItem(_("Tilbud"), "offers_public:offer_list"),
    NavItem(_("Aktivitetsprogram"), "offers_public:programme"),
    NavItem(_("Omstilling"), "offers:transition", frozenset({Role.LEADER, Role.ADMINISTRATION})),
    NavItem(_("Min side"), "home", frozenset(Role.values)),
    NavItem(_("I dag"), "citizens:today_start", frozenset({Role.STAFF})),
    NavItem(_("Tilfredshed"), "citizens:satisfaction_start", frozenset({Role.STAFF})),
    NavItem(_("Fremskudt sagsbehandling"), "citizens:outreach_index", frozenset({Role.STAFF})),
    NavItem(_("Opfølgning"), "citizens:follow_up", frozenset({Role.STAFF, Role.LEADER})),
    NavItem(_("Forløb"), "courses:catalogue", frozenset({Role.STAFF, Role.LEADER})),
    NavItem(_("Audit-log"), "audit_log", frozenset({Role.DATA_PROTECTION_OFFICER, Role.LEADER})),
    NavItem(
        _("Borgeres rettigheder"),
        "rights:index",
        frozenset({Role.DATA_PROTECTION_OFFICER, Role.LEADER}),
    ),
    NavItem(_("CPR-dubletter"), "rights:cpr_duplicates", frozenset({Role.DATA_PROTECTION_OFFICER})),
    NavItem(
        _("Samtykker"),
        "rights:consents",
        frozenset({Role.DATA_PROTECTION_OFFICER, Role.LEADER, Role.STAFF}),
    ),
    NavItem(_("Dashboard"), "dashboards:home", frozenset({Role.LEADER, Role.ADMINISTRATION})),
    NavItem(_("Byen"), "dashboards:city", frozenset({Role.ADMINISTRATION})),
    NavItem(_("Rapporter"), "dashboards:reports", frozenset({Role.ADMINISTRATION})),
    NavItem(
        _("Brugerråd"), "peers:index", frozenset({Role.COUNCIL_MEMBER, Role.LEADER, Role.STAFF})
    ),
    NavItem(_("Rådsbudgetter"), "peers:overview", frozenset({Role.ADMINISTRATION})),
    NavItem(
        _("Peer-vejledere"),
        "mentors:index",
        frozenset({Role.LEADER, Role.TRAINING_COORDINATOR, Role.STAFF, Role.ADMINISTRATION}),
    ),
    NavItem(_("Min uddannelse"), "mentors:own", frozenset({Role.PEER_MENTOR})),
    NavItem(
        _("Workshops"),
        "workshops:list",
        frozenset(
            {
                Role.STAFF,
                Role.LEADER,
                Role.COUNCIL_MEMBER,
                Role.PEER_MENTOR,
                Role.ADMINISTRATION,
            }
        ),
    ),
]


@functools.cache
def _url(url_name: str, script_prefix: str) -> str:
    # The navigation's URLs take no arguments: reversed once per process, not on every page.
    return reverse(url_name)


def menu(user, path: str) -> SafeString:
    """The main menu as `<li>` items for `user` (a user or AnonymousUser), in the active
    language; the item whose URL is `path` (the request's path) carries `aria-current="page"`.

    Made once per process for each set of roles, language and current item, then taken from
    memory (issue 22: the template's loop over the items cost about 940 Python calls on every
    page). Nothing about the user but the set of roles goes into the key."""
    prefix = get_script_prefix()
    current = path if path in _menu_urls(prefix) else ""
    return _menu(frozenset(access.roles(user)), get_language(), prefix, current)


@functools.cache
def _menu_urls(script_prefix: str) -> frozenset[str]:
    return frozenset(_url(item.url_name, script_prefix) for item in NAV_ITEMS)


# Bounded: keys are sets of roles held together × languages × menu items, a few hundred at most.
@functools.lru_cache(maxsize=1024)
def _menu(held: frozenset[str], language: str, script_prefix: str, current: str) -> SafeString:
    return format_html_join(
        "",
        '<li><a href="{}"{}>{}</a></li>',
        (
            (url, _CURRENT if url == current else "", item.label)
            for item in NAV_ITEMS
            if item.roles is None or held & item.roles
            for url in [_url(item.url_name, script_prefix)]
        ),
    )


_CURRENT = mark_safe(' aria-current="page"')  # noqa: S308  # nosec B308 - a constant
