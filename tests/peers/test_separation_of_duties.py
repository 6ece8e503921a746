"""Separation of duties in councils (issue 16, part 7): a leader manages seats but cannot seat
themselves, staff who helped write an application cannot vote on it, and the seat form does not
tell which usernames exist elsewhere in the city."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from astnet.models import Role
from peers.councils import services, voting
from peers.models import CouncilMember
from tests import factories as f
from tests.peers.factories import application_in_vote


def _seat(client, council, username):
    return client.post(
        reverse("peers:seat_new", args=[council.pk]),
        {"user": username, "role": "member", "term_from": timezone.localdate()},
    )


def test_a_leader_cannot_seat_themselves(client, council_world):
    leader = council_world.world.leader
    client.force_login(leader)

    response = _seat(client, council_world.council, leader.username)

    assert "Du kan ikke give dig selv en plads i rådet" in response.content.decode()
    assert not CouncilMember.objects.filter(user=leader).exists()
    with pytest.raises(ValidationError):
        services.council_member_add(council=council_world.council, user=leader, by=leader)


def test_staff_who_helped_write_an_application_cannot_vote_on_it(council_world):
    staff = council_world.world.staff
    services.council_member_add(council=council_world.council, user=staff)
    application = application_in_vote(council_world)
    assert application.helped_by == staff

    with pytest.raises(ValidationError, match="hjulpet med at skrive ansøgningen"):
        voting.vote_cast(application=application, user=staff, choice="yes")

    # The vote closes with the other members' votes alone.
    for voter in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=voter, choice="yes")
    application.refresh_from_db()
    assert application.is_decided


def test_the_seat_form_answers_the_same_for_unknown_and_faraway_usernames(client, council_world):
    f.member(Role.STAFF, offer=council_world.world.griffen, username="fjern")
    client.force_login(council_world.world.leader)

    unknown = _seat(client, council_world.council, "findes-ikke").content.decode()
    faraway = _seat(client, council_world.council, "fjern").content.decode()

    message = "Ingen bruger med det brugernavn kan få en plads i dette råd."
    assert message in unknown and message in faraway
    assert not CouncilMember.objects.filter(user__username="fjern").exists()
