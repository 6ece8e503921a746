"""Who sees and facilitates which workshops (astnet.access rules for the workshops app)."""

import pytest

from astnet import access
from astnet.models import Role
from tests import factories as f
from tests.workshops.factories import InputFactory, ScenarioFactory
from workshops.models import Input, Process, Scenario, Table, Workshop


def visible(user, model, action="view"):
    return set(access.scope(user, model, action))


def test_staff_see_and_facilitate_their_offers_district_only(world, ws):
    assert visible(world.staff, Workshop) == {ws.amager}
    assert visible(world.staff, Workshop, "change") == {ws.amager}
    assert visible(world.staff, Table, "change") == {ws.table}


def test_leaders_run_their_own_districts_workshops(world, ws):
    assert visible(world.leader, Workshop, "change") == {ws.amager}


def test_council_members_take_part_in_their_councils_district_without_facilitating(world, ws):
    assert visible(world.council_member, Workshop) == {ws.amager}
    assert visible(world.council_member, Workshop, "change") == set()


def test_a_district_council_counts_for_its_district(world, ws):
    council = f.CouncilFactory(scope="district", offer=None, district=world.norrebro)
    member = f.member(Role.COUNCIL_MEMBER, council=council)
    assert visible(member, Workshop) == {ws.norrebro}


@pytest.mark.parametrize("role", [Role.ADMINISTRATION, Role.PEER_MENTOR])
def test_administration_and_peer_mentors_read_all_and_change_nothing(world, ws, role):
    user = world.persona(role)
    assert visible(user, Workshop) == {ws.amager, ws.norrebro}
    assert visible(user, Input) == {ws.norrebro_input}
    assert visible(user, Workshop, "change") == set()


def test_the_data_protection_officer_and_anonymous_see_no_workshops(world, ws, client):
    assert visible(world.dpo, Workshop) == set()
    assert visible(world.dpo, Process) == set()
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser(), Workshop) == set()


def test_only_the_districts_leader_changes_its_scenarios(world, ws):
    scenario = ScenarioFactory(process=ws.process, district=world.amager)
    ScenarioFactory(process=ws.process, district=world.norrebro)
    assert visible(world.leader, Scenario, "change") == {scenario}
    assert visible(world.staff, Scenario) == {scenario}
    assert visible(world.staff, Scenario, "change") == set()


def test_inputs_follow_their_workshop(world, ws):
    mine = InputFactory(table=ws.table, theme=ws.peer)
    assert visible(world.staff, Input, "change") == {mine}
