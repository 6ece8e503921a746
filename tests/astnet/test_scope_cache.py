"""Scopes are built once per process for the same user with the same memberships (issue 22), and
never handed to another user, to other memberships, or kept when a rule read the database."""

import logging

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from astnet import access, scope_cache
from astnet.models import Membership, Role
from citizens.models import Citizen, Enrollment
from offers.models import Offer
from tests import factories as f
from tests.courses import factories as cf


def _next_request(user):
    """The user as the next request loads them: a new object, nothing memoised on it."""
    return get_user_model().objects.get(pk=user.pk)


def _counting(monkeypatch, label: str) -> list:
    calls = []
    rule = access._RULES[label]

    def counted(user, qs, action):
        calls.append((user.pk, action))
        return rule(user, qs, action)

    monkeypatch.setitem(access._RULES, label, counted)
    return calls


def test_the_same_user_and_memberships_build_a_scope_once(world, monkeypatch):
    calls = _counting(monkeypatch, "citizens.citizen")
    regular = f.CitizenFactory(chosen_name="Bo", home_offers=[world.nabo])

    for _request in range(3):
        assert list(access.scope(_next_request(world.staff), Citizen)) == [regular]

    assert calls == [(world.staff.pk, "view")]


def test_another_user_with_the_same_role_never_gets_the_scope(world, monkeypatch):
    calls = _counting(monkeypatch, "astnet.membership")
    colleague = f.member(Role.STAFF, offer=world.nabo, username="mads")

    mine = list(access.scope(_next_request(world.staff), Membership))
    theirs = list(access.scope(_next_request(colleague), Membership))

    assert [m.user for m in mine] == [world.staff]
    assert [m.user for m in theirs] == [colleague]
    assert len(calls) == 2


def test_a_role_given_builds_the_scope_anew(world):
    at_griffen = f.CitizenFactory(chosen_name="Ib", home_offers=[world.griffen])
    assert list(access.scope(_next_request(world.staff), Citizen)) == []

    Membership.objects.create(user=world.staff, role=Role.STAFF, offer=world.griffen)

    assert list(access.scope(_next_request(world.staff), Citizen)) == [at_griffen]


def test_anything_loaded_with_the_memberships_is_in_the_key(world):
    """A rule may read the offer, district or council loaded with a membership (the workshops'
    rule reads the staff offer's district): a change to them is a new key."""
    before = scope_cache.user_key(world.staff, access.memberships(_next_request(world.staff)))

    Offer.objects.filter(pk=world.nabo.pk).update(district=world.norrebro)

    after = scope_cache.user_key(world.staff, access.memberships(_next_request(world.staff)))
    assert before != after


def test_what_the_database_says_is_read_when_the_query_runs(world):
    """The rules ask the database in SQL (who runs which course), so a kept scope still sees a
    course the user started leading after it was built."""
    elsewhere = f.CitizenFactory(chosen_name="Gustav", home_offers=[world.griffen])
    assert list(access.scope(_next_request(world.staff), Enrollment)) == []

    enrolment = cf.EnrollmentFactory(citizen=elsewhere, course=cf.CourseFactory(lead=world.staff))

    assert list(access.scope(_next_request(world.staff), Enrollment)) == [enrolment]


def test_a_build_that_reads_the_database_is_not_kept(world, monkeypatch, caplog):
    asked = []

    def asks_in_python(user, qs, action):
        asked.append(action)
        return qs.filter(pk__in=list(Offer.objects.values_list("pk", flat=True)))

    monkeypatch.setitem(access._RULES, "offers.offer", asks_in_python)

    with caplog.at_level(logging.WARNING, logger="astnet.scope_cache"):
        for _request in range(2):
            access.scope(_next_request(world.staff), Offer).count()

    assert asked == ["view", "view"]
    assert "not kept" in caplog.text
    assert "mette" not in caplog.text


@pytest.mark.django_db
def test_no_rule_reads_the_database_while_it_builds(world):
    """Every registered rule, for every role and a user with all of them, both actions: built
    without a query, so each is safe to keep for the same user and memberships."""
    everyone = f.member(Role.STAFF, offer=world.nabo, username="alle")
    for role, place in (
        (Role.LEADER, {"district": world.amager}),
        (Role.COUNCIL_MEMBER, {"council": world.council}),
        (Role.PEER_MENTOR, {}),
        (Role.ADMINISTRATION, {}),
        (Role.DATA_PROTECTION_OFFICER, {}),
        (Role.TRAINING_COORDINATOR, {}),
    ):
        Membership.objects.create(user=everyone, role=role, **place)
    users = [
        world.staff,
        world.leader,
        world.council_member,
        world.peer_mentor,
        world.administration,
        world.dpo,
        world.coordinator,
        everyone,
    ]
    checked = 0
    for user in users:
        user = _next_request(user)
        access.memberships(user)
        for label, rule in access._RULES.items():
            model = apps.get_model(label)
            for action in ("view", "change"):
                scope_cache.clear()
                _value, queried = scope_cache._built_without_queries(
                    lambda rule=rule, model=model, action=action, user=user: rule(
                        user, model._default_manager.all(), action
                    )
                )
                assert not queried, (label, action, user.username)
                checked += 1
    assert checked == len(users) * len(access._RULES) * 2
