"""The door builds a user's scopes once per request (issue 22) and never hands one user's, or
one request's, scope to another."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from astnet import access
from astnet.models import Membership, Role
from citizens.models import Citizen, Consent
from tests import factories as f


def _consent(citizen, by) -> Consent:
    return Consent.objects.create(citizen=citizen, kind=Consent.Kind.FOLLOW_UP, recorded_by=by)


def _count_citizen_rule(monkeypatch) -> list[str]:
    """The actions the citizen rule is asked for from now on, in order."""
    built = []
    rule = access._RULES["citizens.citizen"]

    def counted(user, qs, action):
        built.append(action)
        return rule(user, qs, action)

    monkeypatch.setitem(access._RULES, "citizens.citizen", counted)
    return built


def test_two_users_never_share_a_scope(world):
    at_nabo = f.CitizenFactory(chosen_name="Bo", home_offers=[world.nabo])
    at_griffen = f.CitizenFactory(chosen_name="Ib", home_offers=[world.griffen])
    griffen_staff = f.member(Role.STAFF, offer=world.griffen)

    assert list(access.scope(world.staff, Citizen)) == [at_nabo]
    assert list(access.scope(griffen_staff, Citizen)) == [at_griffen]
    assert list(access.scope(world.staff, Consent).values_list("citizen", flat=True)) == []
    _consent(at_griffen, world.staff)
    assert list(access.scope(world.staff, Consent)) == []
    assert [c.citizen for c in access.scope(griffen_staff, Consent)] == [at_griffen]


def test_a_memoised_scope_is_a_fresh_queryset_each_time(world):
    first = access.scope(world.staff, Citizen)
    assert list(first) == []

    regular = f.CitizenFactory(chosen_name="Bo", home_offers=[world.nabo])

    # The first copy was evaluated; the next one reads again, and a filter on one copy never
    # narrows the next.
    assert list(access.scope(world.staff, Citizen).filter(chosen_name="Ib")) == []
    assert list(access.scope(world.staff, Citizen)) == [regular]


def test_a_role_given_shows_in_the_next_request(client, world):
    citizen = f.CitizenFactory(chosen_name="Ib", home_offers=[world.griffen])
    url = reverse("citizens:detail", args=[citizen.pk])
    client.force_login(world.staff)
    assert client.get(url).status_code == 404

    Membership.objects.create(user=world.staff, role=Role.STAFF, offer=world.griffen)

    assert client.get(url).status_code == 200


def test_forgetting_the_memberships_forgets_the_scopes(world):
    citizen = f.CitizenFactory(chosen_name="Ib", home_offers=[world.griffen])
    _consent(citizen, world.staff)
    assert list(access.scope(world.staff, Citizen)) == []
    assert list(access.scope(world.staff, Consent)) == []

    Membership.objects.create(user=world.staff, role=Role.STAFF, offer=world.griffen)
    access.forget_memberships(world.staff)

    assert list(access.scope(world.staff, Citizen)) == [citizen]
    assert [c.citizen for c in access.scope(world.staff, Consent)] == [citizen]


def test_the_citizen_page_builds_each_scope_once(client, world, monkeypatch):
    citizen = f.CitizenFactory(chosen_name="Bo", home_offers=[world.nabo])
    _consent(citizen, world.staff)
    built = _count_citizen_rule(monkeypatch)
    client.force_login(world.staff)

    response = client.get(reverse("citizens:detail", args=[citizen.pk]))

    assert response.status_code == 200
    # The page's own lookup and whether the user may change the citizen: the lists about the
    # citizen follow the citizen the page found (access.rows_about), not the rule again.
    assert sorted(built) == ["change", "view"]


def test_an_anonymous_user_is_never_memoised(world):
    anonymous = AnonymousUser()
    assert list(access.scope(anonymous, Citizen)) == []
    assert not hasattr(anonymous, "_astnet_scopes")


def test_looking_up_objects_asks_the_rule_once_per_request(world, monkeypatch):
    """`get_in_scope` with a queryset of its own (select_related, annotations) puts in the scope
    the door built for this user, not the rule built around that queryset again (issue 22)."""
    first = f.CitizenFactory(chosen_name="Bo", home_offers=[world.nabo])
    second = f.CitizenFactory(chosen_name="Ib", home_offers=[world.nabo])
    outside = f.CitizenFactory(chosen_name="Al", home_offers=[world.griffen])
    built = _count_citizen_rule(monkeypatch)
    monkeypatch.setattr(access.scope_cache, "shared", lambda key, user_key, build: build())
    with_district = Citizen.objects.select_related("district")

    assert access.get_in_scope(world.staff, with_district, pk=first.pk) == first
    assert access.get_in_scope(world.staff, with_district, pk=second.pk) == second
    assert access.get_in_scope(world.staff, Citizen, pk=second.pk) == second
    with pytest.raises(Http404):
        access.get_in_scope(world.staff, with_district, pk=outside.pk)
    assert built == ["view"]
