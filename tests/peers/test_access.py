"""The councils' access predicates (peers.councils.access) and the rules the services keep with
them: who may withdraw an application, who holds a voting seat today, who opens a vote."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from astnet import access
from peers.councils import access as council_access
from peers.councils import services, voting
from peers.models import Application, CouncilCriteria, CouncilMember, Vote
from tests import factories as f
from tests.peers.factories import application_in_vote, submitted_application

pytestmark = pytest.mark.django_db


def test_only_the_helper_may_withdraw_through_the_service(council_world):
    application = submitted_application(council_world)
    for user in (council_world.chair, council_world.world.leader, council_world.outsider):
        with pytest.raises(PermissionDenied):
            services.application_withdraw(application=application, by=user)
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED

    services.application_withdraw(application=application, by=council_world.world.staff)
    application.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN


def test_a_member_applying_as_themselves_may_withdraw_their_own(council_world):
    application = submitted_application(
        council_world, by=council_world.bo, applicant_citizen=None, applicant_user=council_world.bo
    )
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application=application, by=council_world.sanne)
    services.application_withdraw(application=application, by=council_world.bo)
    application.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN


def test_a_decided_application_cannot_be_withdrawn_even_by_its_helper(council_world):
    application = submitted_application(council_world)
    voting.application_grant(application=application, amount_ore=1_000_00, reasoning="Ja.")
    with pytest.raises(ValidationError):
        services.application_withdraw(application=application, by=council_world.world.staff)


def _term_ended_yesterday(council, user) -> None:
    today = timezone.localdate()
    CouncilMember.objects.filter(council=council, user=user).update(
        term_from=today - datetime.timedelta(days=30), term_to=today - datetime.timedelta(days=1)
    )


def test_a_substitute_or_an_ended_term_holds_no_voting_seat(council_world):
    council = council_world.council
    substitute = f.UserFactory(username="suppleant")
    services.council_member_add(
        council=council, user=substitute, role=CouncilMember.Role.SUBSTITUTE
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _term_ended_yesterday(council, council_world.sanne)
    voters = set(
        CouncilMember.objects.voting()
        .filter(council=council)
        .values_list("user__username", flat=True)
    )
    assert voters == {council_world.chair.username, "bo"}
    assert council_access.voting_seat(substitute, council) is None
    assert council_access.voting_seat(council_world.sanne, council) is None
    assert council_access.voting_seat(council_world.bo, council) is not None
    # The same seat voted yesterday, so an old decision is still counted against its own day.
    assert CouncilMember.objects.voting(yesterday).filter(user=council_world.sanne).exists()


def test_the_chair_opens_votes_and_without_a_chair_any_voting_member(council_world):
    council = council_world.council
    assert council_access.may_open_vote(council_world.chair, council)
    assert not council_access.may_open_vote(council_world.bo, council)
    _term_ended_yesterday(council, council_world.chair)
    assert council_access.may_open_vote(council_world.bo, council)
    assert not council_access.may_open_vote(council_world.outsider, council)


def test_who_may_apply_to_a_council(council_world):
    council = council_world.council
    assert council_access.may_apply(council_world.chair, council)
    assert council_access.may_apply(council_world.world.staff, council)
    assert not council_access.may_apply(council_world.outsider, council)
    assert not council_access.may_apply(council_world.world.leader, council)


def test_the_published_first_name_needs_consent(council_world):
    shown = submitted_application(council_world, publish_first_name=True)
    hidden = submitted_application(council_world, publish_first_name=False)
    assert shown.published_first_name == "Karin"
    assert hidden.published_first_name == ""


def test_secret_votes_are_their_voters_own_even_when_the_council_opens_votes_later(
    council_world,
):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    voting.vote_cast(application=application, user=council_world.sanne, choice="no")
    leader = council_world.world.leader
    assert [v.member.user for v in access.scope(council_world.bo, Vote)] == [council_world.bo]
    assert not access.scope(leader, Vote).exists()
    assert not access.scope(council_world.outsider, Vote).exists()

    services.council_rules_update(council=council_world.council, open_votes=True)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")

    assert not access.scope(leader, Vote).exists()
    assert [v.member.user for v in access.scope(council_world.bo, Vote)] == [council_world.bo]


def test_open_votes_are_read_with_the_application_once_the_vote_has_closed(council_world):
    services.council_rules_update(council=council_world.council, open_votes=True)
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    voting.vote_cast(application=application, user=council_world.sanne, choice="no")
    leader = council_world.world.leader
    assert not access.scope(leader, Vote).exists()
    assert access.scope(council_world.bo, Vote).count() == 1

    voting.vote_cast(application=application, user=council_world.chair, choice="yes")

    assert access.scope(leader, Vote).count() == 3
    assert access.scope(council_world.bo, Vote).count() == 3
    assert not access.scope(council_world.outsider, Vote).exists()
    assert not access.scope(council_world.bo, Vote, "change").exists()


def test_criteria_are_read_with_the_council_and_written_by_its_members(council_world):
    criteria = services.criteria_publish(council=council_world.council, text="Fællesskab.")
    assert list(access.scope(council_world.world.leader, CouncilCriteria)) == [criteria]
    assert list(access.scope(council_world.bo, CouncilCriteria, "change")) == [criteria]
    assert not access.scope(council_world.world.leader, CouncilCriteria, "change").exists()
    assert not access.scope(council_world.outsider, CouncilCriteria).exists()
