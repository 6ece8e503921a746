"""The main menu: each role's items, the current page marked, in the reader's language (issue 22:
the menu is made once per process for each set of roles, language and current item)."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from astnet.models import Role
from astnet.navigation import menu
from tests import factories as f

pytestmark = pytest.mark.django_db


class _Menu(HTMLParser):
    """The links of the page's main menu (`nav.site-nav`), as (text, href, aria-current)."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[list] = []
        self._in_nav = False
        self._in_link = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "site-nav" in attrs.get("class", ""):
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self._in_link = True
            self.links.append(["", attrs.get("href"), attrs.get("aria-current")])

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        elif tag == "a":
            self._in_link = False

    def handle_data(self, data):
        if self._in_link:
            self.links[-1][0] += data

    @property
    def labels(self) -> list[str]:
        return [text for text, _href, _current in self.links]

    @property
    def current(self) -> list[str]:
        return [text for text, _href, current in self.links if current == "page"]


def _menu_of(client, url: str) -> _Menu:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return _Menu(response.content.decode())


def test_each_role_sees_the_items_it_uses_and_no_others(client):
    offer = f.OfferFactory()
    staff = f.member(Role.STAFF, offer=offer)
    administration = f.member(Role.ADMINISTRATION)
    client.force_login(staff)
    labels = _menu_of(client, reverse("home")).labels
    assert {"I dag", "Forløb", "Workshops"} <= set(labels)
    assert not {"Dashboard", "Byen", "Rapporter", "CPR-dubletter"} & set(labels)
    client.force_login(administration)
    labels = _menu_of(client, reverse("home")).labels
    assert {"Dashboard", "Byen", "Rapporter", "Rådsbudgetter"} <= set(labels)
    assert "I dag" not in labels


def test_a_leader_sees_the_dashboard_but_not_the_reports(client):
    client.force_login(f.member(Role.LEADER, district=f.DistrictFactory()))
    labels = _menu_of(client, reverse("home")).labels
    assert "Dashboard" in labels
    assert "Rapporter" not in labels


def test_someone_not_logged_in_sees_only_the_public_items(client):
    labels = _menu_of(client, reverse("offers_public:offer_list")).labels
    assert labels == ["Forside", "Tilbud", "Aktivitetsprogram"]


def test_the_page_being_shown_is_marked_as_current_and_no_other(client):
    menu_ = _menu_of(client, reverse("offers_public:programme"))
    assert menu_.current == ["Aktivitetsprogram"]
    menu_ = _menu_of(client, reverse("offers_public:offer_list"))
    assert menu_.current == ["Tilbud"]


def test_a_page_outside_the_menu_marks_no_item(client):
    offer = f.OfferFactory()
    client.force_login(f.member(Role.STAFF, offer=offer))
    citizen = f.CitizenFactory(home_offers=[offer])
    assert _menu_of(client, reverse("citizens:detail", args=[citizen.pk])).current == []


def test_the_menu_follows_the_language_it_is_read_in():
    # The same roles and page in two languages: the menu kept for one is not shown in the other.
    visitor = AnonymousUser()
    with translation.override("da"):
        danish = _Menu(f'<nav class="site-nav">{menu(visitor, "/")}</nav>').labels
    with translation.override("en"):
        english = _Menu(f'<nav class="site-nav">{menu(visitor, "/")}</nav>').labels
    assert danish[0] == "Forside"
    assert english[0] == "Home"


def test_a_role_given_during_a_session_shows_its_items_on_the_next_page(client):
    offer = f.OfferFactory()
    user = f.member(Role.STAFF, offer=offer)
    client.force_login(user)
    assert "Dashboard" not in _menu_of(client, reverse("home")).labels
    f.MembershipFactory(user=user, role=Role.LEADER, offer=None, district=offer.district)
    assert "Dashboard" in _menu_of(client, reverse("home")).labels
