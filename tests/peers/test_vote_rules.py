"""Issue 19, council votes: the rules and the budget are fixed when a vote opens, results and
names stay hidden until it closes, each member keeps a receipt, and the deciding vote swaps the
budget and the decision into the member's page."""

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import timezone

from peers.councils import selectors, services, voting
from peers.models import Application, Budget, Council, Meeting
from tests.peers.factories import application_in_vote, submitted_application

State = Application.State


def test_changing_the_tie_rule_during_a_vote_does_not_change_its_outcome(council_world):
    application = application_in_vote(council_world)
    services.council_rules_update(
        council=council_world.council, tie_rule=Council.TieRule.CHAIR_DECIDES
    )
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="no")
    voting.vote_cast(application=application, user=council_world.sanne, choice="abstain")

    application.refresh_from_db()
    assert application.state == State.REJECTED
    assert "Stemmelighed betyder afslag" in application.decision.reasoning


def test_the_changed_tie_rule_applies_to_the_next_vote(council_world):
    services.council_rules_update(
        council=council_world.council, tie_rule=Council.TieRule.CHAIR_DECIDES
    )
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="no")
    voting.vote_cast(application=application, user=council_world.sanne, choice="abstain")
    application.refresh_from_db()
    assert application.state == State.GRANTED


def test_a_stricter_quorum_set_during_a_vote_applies_only_later(council_world):
    application = application_in_vote(council_world)
    services.council_rules_update(council=council_world.council, quorum_rule=Council.Quorum.ALL)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    Application.objects.filter(pk=application.pk).update(
        vote_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    voting.votes_close_due()
    application.refresh_from_db()
    assert application.state == State.GRANTED


def test_the_rules_are_stored_on_the_vote_when_it_opens(council_world):
    services.council_rules_update(
        council=council_world.council,
        quorum_rule=Council.Quorum.TWO_THIRDS,
        tie_rule=Council.TieRule.CHAIR_DECIDES,
        open_votes=True,
    )
    application = application_in_vote(council_world)
    assert (
        application.vote_quorum_rule,
        application.vote_tie_rule,
        application.vote_open_votes,
        application.budget,
    ) == ("two_thirds", "chair_decides", True, council_world.budget)


def _page(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(name, args=[pk])).content.decode()


def test_a_member_who_has_not_voted_sees_no_names_or_results_in_an_open_vote_council(
    client, council_world
):
    services.council_rules_update(council=council_world.council, open_votes=True)
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")

    content = _page(client, council_world.sanne, "peers:application", application.pk)

    assert "Stemmer (åben afstemning)" not in content
    assert "Ja</li>" not in content
    assert "vises først, når afstemningen er slut" in content


def test_opening_votes_after_a_secret_vote_exposes_no_names(client, council_world):
    application = application_in_vote(council_world)
    for user, choice in ((council_world.chair, "yes"), (council_world.bo, "no")):
        voting.vote_cast(application=application, user=user, choice=choice)
    voting.vote_cast(application=application, user=council_world.sanne, choice="yes")
    services.council_rules_update(council=council_world.council, open_votes=True)
    meeting = voting.meeting_create(
        council=council_world.council, date=timezone.localdate(), by=council_world.chair
    )

    names = [f"{u.get_full_name()}:" for u in (council_world.bo, council_world.sanne)]
    for name, pk in (("peers:application", application.pk), ("peers:meeting", meeting.pk)):
        content = _page(client, council_world.world.leader, name, pk)
        assert not any(voter in content for voter in names), name
    assert Meeting.objects.get(pk=meeting.pk).decisions.count() == 1


def test_an_open_vote_shows_who_voted_what_once_it_has_closed(client, council_world):
    services.council_rules_update(council=council_world.council, open_votes=True)
    application = application_in_vote(council_world)
    for user in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=user, choice="yes")
    meeting = voting.meeting_create(
        council=council_world.council, date=timezone.localdate(), by=council_world.chair
    )
    bo = f"{council_world.bo.get_full_name()}: Ja"
    assert bo in _page(client, council_world.world.leader, "peers:application", application.pk)
    assert bo in _page(client, council_world.world.leader, "peers:meeting", meeting.pk)


def test_each_member_sees_their_own_vote_and_a_receipt(client, council_world):
    application = application_in_vote(council_world)
    vote = voting.vote_cast(application=application, user=council_world.bo, choice="no")
    content = _page(client, council_world.bo, "peers:council", council_world.council.pk)
    assert f"Kvittering {vote.receipt}" in content
    assert "<strong>Nej</strong>" in content

    changed = voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    assert changed.receipt != vote.receipt
    other = _page(client, council_world.sanne, "peers:council", council_world.council.pk)
    assert changed.receipt not in other


def test_the_member_keeps_their_vote_and_receipt_after_the_vote_closed(client, council_world):
    application = application_in_vote(council_world)
    for user in (council_world.chair, council_world.sanne):
        voting.vote_cast(application=application, user=user, choice="yes")
    vote = voting.vote_cast(application=application, user=council_world.bo, choice="no")
    content = _page(client, council_world.bo, "peers:application", application.pk)
    assert f"kvittering {vote.receipt}" in content


def test_a_december_application_closing_in_january_draws_on_the_december_budget(
    council_world, monkeypatch
):
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    december = datetime.datetime(2030, 12, 20, 12, 0, tzinfo=copenhagen)
    january = datetime.datetime(2031, 1, 5, 12, 0, tzinfo=copenhagen)
    services.budget_set(council=council_world.council, year=2030, amount_ore=10_000_00)
    services.budget_set(council=council_world.council, year=2031, amount_ore=0)
    monkeypatch.setattr(timezone, "now", lambda: december)
    application = submitted_application(council_world, amount_ore=3_000_00)
    voting.vote_open(application=application, by=council_world.chair)
    voting.vote_cast(application=application, user=council_world.chair, choice="yes")
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")

    monkeypatch.setattr(timezone, "now", lambda: january)
    assert voting.votes_close_due(now=january) == 1

    application.refresh_from_db()
    assert application.state == State.GRANTED
    assert application.decision.budget == Budget.objects.get(
        council=council_world.council, year=2030
    )


def test_the_deciding_vote_swaps_in_the_new_budget_and_decision(client, council_world):
    application = application_in_vote(council_world, title="Kanotur", amount_ore=2_500_00)
    for user in (council_world.chair, council_world.bo):
        voting.vote_cast(application=application, user=user, choice="yes")
    client.force_login(council_world.sanne)

    response = client.post(
        reverse("peers:vote", args=[application.pk]), {"choice": "yes"}, HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    council = council_world.council.pk
    assert f'id="budget-{council}" hx-swap-oob="true"' in content
    assert "Tilbage: <strong>7.500,00 kr.</strong>" in content
    assert f'id="decisions-{council}" hx-swap-oob="true"' in content
    assert "Kanotur" in content and "Bevilget" in content


def test_a_vote_that_does_not_decide_swaps_only_its_card(client, council_world):
    application = application_in_vote(council_world)
    client.force_login(council_world.sanne)
    response = client.post(
        reverse("peers:vote", args=[application.pk]), {"choice": "yes"}, HTTP_HX_REQUEST="true"
    )
    assert "hx-swap-oob" not in response.content.decode()


def test_the_open_votes_list_carries_no_counts(council_world):
    application = application_in_vote(council_world)
    voting.vote_cast(application=application, user=council_world.bo, choice="yes")
    seat = council_world.council.members.get(user=council_world.sanne)
    [vote] = selectors.open_votes(council=council_world.council, seat=seat)
    assert vote.my_vote is None
    assert not hasattr(vote, "votes_cast")


def test_the_rules_page_says_changes_apply_to_later_votes(client, council_world):
    content = _page(client, council_world.world.leader, "peers:rules", council_world.council.pk)
    assert "gælder kun afstemninger, der startes efter" in content
