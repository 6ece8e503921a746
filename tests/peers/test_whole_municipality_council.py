"""A council of the whole municipality (tied to neither an offer nor a district, like Haderslev's,
issue 21): every leader reads and manages it, every staff member reads it and applies to it on a
citizen's behalf, administration reads its budget only, and other councils' members see nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from astnet import access
from astnet.models import Role
from peers.councils import access as council_access
from peers.councils import services
from peers.models import Application, Budget, Council, CouncilMember, Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def whole(world):
    return f.CouncilFactory(
        name="Brugerrådet for hele kommunen", scope=Council.Scope.CITY, offer=None, district=None
    )


def _sees(user, model, pk, action="view") -> bool:
    return access.scope(user, model, action).filter(pk=pk).exists()


def test_every_leader_and_every_staff_member_reads_it(world, whole):
    other_leader = f.member(Role.LEADER, district=world.norrebro, username="lone")
    other_staff = f.member(Role.STAFF, offer=world.griffen, username="sofie")
    for user in (world.leader, other_leader, world.staff, other_staff):
        assert _sees(user, Council, whole.pk), user.username
    for user in (world.council_member, world.peer_mentor, world.dpo, world.coordinator):
        assert not _sees(user, Council, whole.pk), user.username


def test_leaders_manage_it_and_staff_do_not(world, whole):
    assert council_access.may_manage(world.leader, whole)
    assert not council_access.may_manage(world.staff, whole)
    assert not council_access.may_manage(world.administration, whole)
    seat = CouncilMember.objects.create(
        council=whole, user=world.council_member, role=CouncilMember.Role.MEMBER
    )
    assert _sees(world.leader, CouncilMember, seat.pk, "change")
    assert not _sees(world.staff, CouncilMember, seat.pk)


def test_staff_apply_to_it_and_members_of_other_councils_do_not(world, whole):
    assert council_access.may_apply(world.staff, whole)
    assert not council_access.may_apply(world.council_member, whole)
    assert not council_access.may_apply(world.leader, whole)


def test_budget_and_meetings_follow_the_district_councils(world, whole):
    budget = Budget.objects.create(council=whole, year=2026, amount_ore=50_000_00)
    assert _sees(world.leader, Budget, budget.pk, "change")
    assert _sees(world.administration, Budget, budget.pk)
    assert not _sees(world.staff, Budget, budget.pk, "change")
    assert not _sees(world.council_member, Budget, budget.pk)
    assert access.scope(world.leader, Meeting).filter(council=whole).count() == 0


def test_staff_apply_through_the_service_and_leaders_read_it(world, whole):
    services.budget_set(council=whole, year=timezone.localdate().year, amount_ore=50_000_00)
    citizen = f.CitizenFactory(chosen_name="Karin Hansen", home_offers=[world.nabo])
    application = services.application_create(
        council=whole,
        by=world.staff,
        applicant_citizen=citizen,
        applicant_first_name="Karin",
        title="Tur til stranden",
        description="En tur til stranden med madpakker.",
        amount_ore=1_000_00,
        starts_on=timezone.localdate() + datetime.timedelta(days=7),
        beneficiaries="Alle i værestederne",
    )
    assert _sees(world.leader, Application, application.pk)
    assert not _sees(world.administration, Application, application.pk)


def test_the_leaders_council_list_shows_it(client, world, whole):
    client.force_login(world.leader)
    response = client.get(reverse("peers:index"))
    assert response.status_code == 200
    assert "Brugerrådet for hele kommunen" in response.content.decode()
