"""The navigation: what each role may use, in one list. A page missing here is not reachable."""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
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


def items_for(user) -> list[dict]:
    held = access.roles(user)
    prefix = get_script_prefix()
    items = []
    for item in NAV_ITEMS:
        if item.roles is not None and not (held & item.roles):
            continue
        items.append({"label": item.label, "url": _url(item.url_name, prefix)})
    return items
