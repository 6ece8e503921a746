"""A council with three voting members (Rikke the chair, Bo, Sanne) and a budget of 10.000 kr."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from astnet.models import Role
from peers.councils import services
from peers.models import CouncilMember
from tests import factories as f


@dataclass
class CouncilWorld:
    world: object
    council: object
    chair: object
    bo: object
    sanne: object
    budget: object
    citizen: object
    other_council: object
    outsider: object


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments written by a test go to a temporary folder, never to var/private."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def council_world(world) -> CouncilWorld:
    council = world.council
    services.council_member_add(
        council=council, user=world.council_member, role=CouncilMember.Role.CHAIR
    )
    bo = f.UserFactory(username="bo", first_name="Bo")
    sanne = f.UserFactory(username="sanne", first_name="Sanne")
    services.council_member_add(council=council, user=bo)
    services.council_member_add(council=council, user=sanne)
    budget = services.budget_set(
        council=council, year=timezone.localdate().year, amount_ore=10_000_00
    )
    other_council = f.CouncilFactory(name="Brugerrådet i Griffen", offer=world.griffen)
    outsider = f.member(Role.COUNCIL_MEMBER, council=other_council, username="ole")
    services.council_member_add(council=other_council, user=outsider)
    citizen = f.CitizenFactory(chosen_name="Karin Hansen", home_offers=[world.nabo])
    return CouncilWorld(
        world=world,
        council=council,
        chair=world.council_member,
        bo=bo,
        sanne=sanne,
        budget=budget,
        citizen=citizen,
        other_council=other_council,
        outsider=outsider,
    )
