import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from astnet.models import AuditEvent, Membership, Role
from peers.councils import services, voting
from peers.models import Application, Council, Decision, Recusal, Vote
from peers.tasks import close_due_votes
from tests.peers.factories import application_in_vote, submitted_application

State = Application.State


def test_it_grants_when_every_voting_member_said_yes(council_world):
    application = application_in_vote(council_world)
    for user in (council_world.chair, council_world.bo):
        voting.vote_cast(application=application, user=user, choice="yes")
    application.refresh_from_db()
    assert application.state == State.IN_VOTE

    voting.vote_cast(application=application, user=council_world.sanne, choice="no")

    application.refresh_from_db()
    assert application.state == State.GRANTED
    decision = application.decision
    assert (decision.votes_yes, decision.votes_no, decision.granted_amount_ore) == (2, 1, 2_000_00)
    assert decision.budget == council_world.budget
    assert "Flertallet stemte ja" in decision.reasoning


def test_a_vote_can_be_changed_until_the_vote_closes(council_world):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="no")
    assert list(application.votes.values_list("choice", flat=True)) == ["no"]
    voting.vote_cast(application=application, user=council_world.chair, choice="no")
    voting.vote_cast(application=application, user=council_world.sanne, choice="no")

    with pytest.raises(ValidationError, match="lukket"):
        voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    application.refresh_from_db()
    assert application.state == State.REJECTED


def test_the_database_refuses_a_second_vote(council_world):
    application = application_in_vote(council_world)
    vote = voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(application=application, member=vote.member, choice="no")


def test_a_tie_is_rejected_by_default(council_world):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="no")
    voting.vote_cast(application=application, user=council_world.sanne, choice="abstain")
    application.refresh_from_db()
    assert application.state == State.REJECTED
    assert "Stemmelighed" in application.decision.reasoning


def test_the_chair_decides_a_tie_when_the_council_says_so(council_world):
    Council.objects.filter(pk=council_world.council.pk).update(
        tie_rule=Council.TieRule.CHAIR_DECIDES
    )
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="no")
    voting.vote_cast(application=application, user=council_world.sanne, choice="abstain")
    application.refresh_from_db()
    assert application.state == State.GRANTED


def test_without_quorum_the_deadline_closes_it_as_rejected(council_world):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    Application.objects.filter(pk=application.pk).update(
        vote_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert close_due_votes.delay().get() == 1

    application.refresh_from_db()
    assert application.state == State.REJECTED
    assert "ikke beslutningsdygtigt" in application.decision.reasoning


def test_the_deadline_task_leaves_running_votes_alone(council_world):
    application = application_in_vote(council_world)
    assert voting.votes_close_due() == 0
    application.refresh_from_db()
    assert application.state == State.IN_VOTE


def test_the_applicant_is_recused_and_cannot_vote(council_world):
    application = application_in_vote(
        council_world,
        applicant_citizen=None,
        applicant_user=council_world.bo,
        by=council_world.bo,
    )
    assert Recusal.objects.get(application=application).reason == Recusal.Reason.APPLICANT
    with pytest.raises(ValidationError, match="inhabil"):
        voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.sanne, choice="yes")
    application.refresh_from_db()
    assert application.state == State.GRANTED


def test_declaring_a_conflict_withdraws_the_members_vote(council_world):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.sanne, choice="no")
    voting.recusal_declare(application=application, user=council_world.sanne)
    assert not application.votes.exists()
    with pytest.raises(ValidationError, match="inhabil"):
        voting.vote_cast(application=application, user=council_world.sanne, choice="no")


def test_a_member_of_another_council_cannot_vote(council_world):
    application = application_in_vote(council_world)
    with pytest.raises(ValidationError, match="stemmeret"):
        voting.vote_cast(application=application, user=council_world.outsider, choice="yes")
    assert not application.votes.exists()


def test_a_substitute_or_ended_term_does_not_vote(council_world):
    seat = council_world.council.members.get(user=council_world.sanne)
    seat.role = seat.Role.SUBSTITUTE
    seat.save()
    application = application_in_vote(council_world)
    with pytest.raises(ValidationError, match="stemmeret"):
        voting.vote_cast(application=application, user=council_world.sanne, choice="yes")
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    application.refresh_from_db()
    assert application.state == State.GRANTED


def test_only_the_chair_opens_a_vote(council_world):
    application = submitted_application(council_world)
    with pytest.raises(ValidationError, match="formand"):
        voting.vote_open(application=application, by=council_world.bo)
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_a_smaller_amount_voted_for_is_a_partial_grant(council_world):
    application = submitted_application(council_world)
    voting.vote_open(application=application, by=council_world.chair, proposed_amount_ore=1_500_00)
    for user in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=user, choice="yes")
    application.refresh_from_db()
    assert application.state == State.PARTLY_GRANTED
    assert application.decision.granted_amount_ore == 1_500_00


def test_an_over_budget_grant_is_refused_with_the_remaining_amount(council_world):
    first = submitted_application(council_world, amount_ore=9_000_00)
    second = submitted_application(council_world, amount_ore=2_000_00)
    voting.application_grant(application=first, amount_ore=9_000_00, reasoning="Ja.")

    with pytest.raises(services.BudgetExceeded) as refused:
        voting.application_grant(application=second, amount_ore=2_000_00, reasoning="Ja.")

    assert refused.value.remaining_ore == 1_000_00
    assert "1.000,00 kr." in refused.value.message
    second.refresh_from_db()
    assert second.state == State.SUBMITTED
    assert Decision.objects.count() == 1


def test_an_approved_vote_over_budget_ends_rejected_with_the_reason(council_world):
    application = application_in_vote(council_world, amount_ore=5_000_00)
    other = submitted_application(council_world, amount_ore=6_000_00)
    voting.application_grant(application=other, amount_ore=6_000_00, reasoning="Ja.")
    for user in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=user, choice="yes")
    application.refresh_from_db()
    assert application.state == State.REJECTED
    assert "4.000,00 kr." in application.decision.reasoning


def test_every_step_is_audited(council_world):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    actions = set(AuditEvent.objects.values_list("object_type", "detail"))
    assert ("peers.application", "submitted") in actions
    assert ("peers.application", "vote opened") in actions
    assert ("peers.vote", "vote cast") in actions


def test_a_seat_brings_the_login_membership_and_ending_it_removes_it(council_world):
    seat = council_world.council.members.get(user=council_world.bo)
    seat.term_from = timezone.localdate() - datetime.timedelta(days=30)
    seat.save()
    assert Membership.objects.filter(
        user=council_world.bo, role=Role.COUNCIL_MEMBER, council=council_world.council
    ).exists()
    services.council_member_end(
        seat=seat, term_to=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert not Membership.objects.filter(user=council_world.bo, role=Role.COUNCIL_MEMBER).exists()


def test_criteria_are_versioned(council_world):
    services.criteria_publish(council=council_world.council, text="For alle.")
    latest = services.criteria_publish(council=council_world.council, text="For alle, gratis.")
    assert latest.version == 2
    application = submitted_application(council_world)
    assert application.criteria == latest


def test_the_close_task_is_scheduled_by_beat(db):
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(task="peers.close_due_votes", enabled=True).exists()
