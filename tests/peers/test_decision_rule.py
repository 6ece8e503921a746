"""Issue 19: the decision rule of a council vote (`peers.councils.rules.decide`) against a small
reference written separately from it, over every mix of quorum rule, tie rule, votes, abstentions,
recusals and the chair's choice that hypothesis finds; and the same rule end to end through the
services on the database for a sample of mixes."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peers.councils import rules, voting
from peers.models import CouncilMember, Decision, Recusal
from tests import factories as f
from tests.peers.factories import submitted_application


def reference(quorum: str, tie: str, seats: list[str], chair: int | None, recused: set[int]):
    """Who decides: `seats` holds each voting seat's choice ("yes", "no", "abstain" or "" for not
    voted); `chair` is the chair's index; recused seats neither count nor vote. Written from the
    council's rules page: the share of eligible members who voted must reach the quorum (more
    than half, at least two thirds, all); then more yes than no grants; a tie grants only when
    the chair decides and the chair said yes."""
    eligible = [i for i in range(len(seats)) if i not in recused]
    voted = [i for i in eligible if seats[i]]
    if not eligible:
        return False
    share = Fraction(len(voted), len(eligible))
    needed = {"more_than_half": share > Fraction(1, 2), "two_thirds": share >= Fraction(2, 3)}
    if not needed.get(quorum, share == 1):
        return False
    yes = sum(1 for i in voted if seats[i] == "yes")
    no = sum(1 for i in voted if seats[i] == "no")
    if yes != no:
        return yes > no
    return tie == "chair_decides" and chair in voted and seats[chair] == "yes"


mixes = st.integers(min_value=0, max_value=7).flatmap(
    lambda size: st.tuples(
        st.sampled_from(["more_than_half", "two_thirds", "all"]),
        st.sampled_from(["reject", "chair_decides"]),
        st.lists(st.sampled_from(["yes", "no", "abstain", ""]), min_size=size, max_size=size),
        st.none() if size == 0 else st.one_of(st.none(), st.integers(0, size - 1)),
        st.sets(st.integers(0, max(size - 1, 0)), max_size=size),
    )
)


def _tally(seats, chair, recused) -> rules.Tally:
    counted = [seats[i] for i in range(len(seats)) if i not in recused and seats[i]]
    chair_choice = seats[chair] if chair is not None and chair not in recused else None
    return rules.Tally(
        yes=counted.count("yes"),
        no=counted.count("no"),
        abstain=counted.count("abstain"),
        eligible=len(seats) - len(recused & set(range(len(seats)))),
        chair_choice=chair_choice or None,
    )


@given(mixes)
def test_the_decision_rule_agrees_with_the_reference(mix):
    quorum, tie, seats, chair, recused = mix
    approved, reason = rules.decide(
        rules.VoteRules(quorum_rule=quorum, tie_rule=tie), _tally(seats, chair, recused)
    )
    assert approved == reference(quorum, tie, seats, chair, recused)
    assert reason


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mixes.filter(lambda mix: len(mix[2]) >= 1))
def test_the_services_decide_as_the_reference(council_world, mix):
    """The whole path: seats, recusals and votes through the services, closed at the deadline."""
    quorum, tie, seats, chair, recused = mix
    council = council_world.council
    # Examples share the test's transaction: earlier seats step down instead of being deleted.
    council.members.update(role=CouncilMember.Role.SUBSTITUTE)
    council.quorum_rule, council.tie_rule = quorum, tie
    council.save()
    members = []
    for index in range(len(seats)):
        role = CouncilMember.Role.CHAIR if index == chair else CouncilMember.Role.MEMBER
        seat, _created = CouncilMember.objects.update_or_create(
            council=council, user=f.UserFactory(username=f"seat{index}"), defaults={"role": role}
        )
        members.append(seat)
    opener = members[chair if chair is not None else 0].user
    application = voting.vote_open(
        application=submitted_application(council_world, amount_ore=1_00), by=opener
    )
    for index in recused:
        Recusal.objects.create(
            application=application, member=members[index], reason=Recusal.Reason.CONFLICT
        )
    for index, choice in enumerate(seats):
        if choice and index not in recused:
            application.votes.create(member=members[index], choice=choice)
    decision = voting.vote_close(application=application)
    approved = decision.outcome != Decision.Outcome.REJECTED
    assert approved == reference(quorum, tie, seats, chair, recused)
