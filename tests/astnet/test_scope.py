"""Scope: a user sees the rows of their own places, and nothing else exists for them."""

import pytest
from django.urls import reverse

from astnet import access
from astnet.models import Role
from citizens.models import Citizen, Visit
from offers.models import Offer
from tests import factories as f


def test_staff_of_offer_a_cannot_open_offer_b(client, world):
    client.force_login(world.staff)

    own = client.get(reverse("offers:staff_offer", args=[world.nabo.pk]))
    other = client.get(reverse("offers:staff_offer", args=[world.griffen.pk]))

    assert own.status_code == 200
    assert other.status_code == 404


def test_staff_lists_only_their_own_offers_and_visits(world):
    f.VisitFactory(offer=world.nabo)
    f.VisitFactory(offer=world.griffen)

    offers = access.scope(world.staff, Offer)
    visits = access.scope(world.staff, Visit)

    assert list(offers) == [world.nabo]
    assert {v.offer for v in visits} == {world.nabo}


def test_staff_sees_citizens_of_their_offers_only(world):
    regular = f.CitizenFactory(chosen_name="Bo", home_offers=[world.nabo])
    f.CitizenFactory(chosen_name="Ib", home_offers=[world.griffen])

    assert list(access.scope(world.staff, Citizen)) == [regular]


def test_leader_reads_the_whole_district_but_no_other(world):
    offers = set(access.scope(world.leader, Offer))
    assert offers == {world.nabo, world.kompasset}


def test_unknown_models_are_refused_whole(world):
    from django.contrib.auth import get_user_model

    assert not access.scope(world.administration, get_user_model()).exists()


@pytest.mark.parametrize(
    "url_name", ["home", "home_staff", "home_leader", "home_administration", "audit_log"]
)
def test_anonymous_users_are_sent_to_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (Role.STAFF, "audit_log"),
        (Role.COUNCIL_MEMBER, "home_staff"),
        (Role.PEER_MENTOR, "home_administration"),
        (Role.ADMINISTRATION, "home_leader"),
    ],
)
def test_pages_of_other_roles_are_refused(client, world, role, url_name):
    client.force_login(world.persona(role))
    assert client.get(reverse(url_name)).status_code == 403


def test_navigation_shows_only_what_the_role_may_use(client, world):
    client.force_login(world.staff)
    staff_page = client.get(reverse("home_staff")).content.decode()
    client.force_login(world.dpo)
    dpo_page = client.get(reverse("home_dpo")).content.decode()

    assert reverse("audit_log") not in staff_page
    assert reverse("audit_log") in dpo_page
