"""The district leader manages a council: seats with terms, the yearly budget, the voting rules;
and decisions taken by online vote are added to a meeting's minutes by hand."""

import datetime

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent, Membership, Role
from peers import tasks
from peers.admin import BudgetAdmin, BudgetAdminForm, CouncilAdmin
from peers.councils import services, voting
from peers.models import Budget, Council, CouncilMember, Decision
from tests import factories as f
from tests.peers.factories import application_in_vote, submitted_application

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def audited(object_type: str, action: str) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=object_type, action=action).values_list(
            "detail", flat=True
        )
    )


@pytest.fixture
def other_leader(world):
    return f.member(Role.LEADER, district=world.norrebro, username="nora", first_name="Nora")


@pytest.fixture
def nina(db):
    return f.UserFactory(username="nina", first_name="Nina", last_name="Holm")


def granted_decision(cw, *, title="Kanotur", amount_ore=2_000_00) -> Decision:
    application = application_in_vote(cw, title=title, amount_ore=amount_ore)
    for voter in (cw.chair, cw.bo, cw.sanne):
        voting.vote_cast(application=application, user=voter, choice="yes")
    return Decision.objects.get(application=application)


def leader_pages(cw) -> list[str]:
    council = cw.council
    seat = council.members.get(user=cw.bo)
    return [
        reverse("peers:seats", args=[council.pk]),
        reverse("peers:seat_new", args=[council.pk]),
        reverse("peers:seat_end", args=[seat.pk]),
        reverse("peers:budget", args=[council.pk]),
        reverse("peers:rules", args=[council.pk]),
    ]


# --- seats -------------------------------------------------------------------------------------


def test_a_leader_adds_a_member_with_role_and_term(client, council_world, nina):
    council = council_world.council
    client.force_login(council_world.world.leader)
    response = client.post(
        reverse("peers:seat_new", args=[council.pk]),
        {"user": "nina", "role": "substitute", "term_from": days(0), "term_to": days(365)},
    )
    assert response.status_code == 302
    seat = CouncilMember.objects.get(council=council, user=nina)
    assert (seat.role, seat.term_from, seat.term_to) == ("substitute", days(0), days(365))
    assert Membership.objects.filter(user=nina, role=Role.COUNCIL_MEMBER, council=council).exists()
    assert "role=substitute" in audited("peers.councilmember", AuditEvent.Action.CREATE)
    page = client.get(response["Location"]).content.decode()
    assert "Nina Holm har nu en plads i rådet som suppleant." in page
    assert "Nina Holm" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"term_from": days(10), "term_to": days(1)}, "Periodens slutdato skal ligge efter"),
        ({"user": "findes-ikke"}, "Ingen bruger med det brugernavn kan få en plads i dette råd."),
        ({"user": "bo"}, "Brugeren har allerede en plads i rådet i perioden"),
        ({"role": "boss"}, "Vælg formand, medlem eller suppleant."),
    ],
)
def test_adding_a_member_is_refused_in_danish_with_nothing_changed(
    client, council_world, nina, data, message
):
    council = council_world.council
    seats_before = list(council.members.values_list("pk", "role", "term_from", "term_to"))
    memberships_before = Membership.objects.count()
    client.force_login(council_world.world.leader)
    audit_before = AuditEvent.objects.count()
    posted = {"user": "nina", "role": "member", "term_from": days(0), "term_to": ""}
    posted.update(data)
    response = client.post(reverse("peers:seat_new", args=[council.pk]), posted)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(council.members.values_list("pk", "role", "term_from", "term_to")) == seats_before
    assert Membership.objects.count() == memberships_before
    assert AuditEvent.objects.count() == audit_before


def test_the_service_refuses_an_overlapping_term_and_allows_one_after_it_ended(council_world):
    council, bo = council_world.council, council_world.bo
    seat = council.members.get(user=bo)
    services.council_member_end(seat=seat, term_to=days(30))
    with pytest.raises(services.ValidationError, match="allerede en plads"):
        services.council_member_add(council=council, user=bo, term_from=days(30))
    again = services.council_member_add(
        council=council, user=bo, role="chair", term_from=days(31), term_to=days(400)
    )
    assert again.pk == seat.pk
    assert (again.role, again.term_from, again.term_to) == ("chair", days(31), days(400))


def test_the_seats_list_shows_every_seat_in_few_queries(
    client, council_world, django_assert_max_num_queries
):
    for number in range(30):
        user = f.UserFactory(username=f"medlem{number}", first_name=f"Medlem{number}")
        services.council_member_add(council=council_world.council, user=user)
    client.force_login(council_world.world.leader)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("peers:seats", args=[council_world.council.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Afslut perioden") == 25


def test_ending_a_term_asks_first_then_ends_it_and_the_login(client, council_world):
    seat = council_world.council.members.get(user=council_world.bo)
    CouncilMember.objects.filter(pk=seat.pk).update(term_from=days(-100))
    client.force_login(council_world.world.leader)
    url = reverse("peers:seat_end", args=[seat.pk])
    confirm = client.get(url)
    assert "Afslut perioden for Bo" in confirm.content.decode()
    seat.refresh_from_db()
    assert seat.term_to is None

    response = client.post(url, {"term_to": days(-1)})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.term_to == days(-1)
    assert not Membership.objects.filter(user=council_world.bo, role=Role.COUNCIL_MEMBER).exists()
    assert "term ended" in audited("peers.councilmember", AuditEvent.Action.CHANGE)


def test_a_term_ended_today_keeps_the_login_until_the_day_is_over(council_world):
    seat = council_world.council.members.get(user=council_world.bo)
    services.council_member_end(seat=seat, term_to=days(0))
    bo_membership = Membership.objects.filter(user=council_world.bo, role=Role.COUNCIL_MEMBER)
    assert bo_membership.exists()
    tasks.close_due_votes()
    assert bo_membership.exists()
    assert services.council_seats_expire(today=days(1)) == 1
    assert not bo_membership.exists()
    assert Membership.objects.filter(user=council_world.sanne, role=Role.COUNCIL_MEMBER).exists()
    assert audited("astnet.membership", AuditEvent.Action.DELETE) == ["seat ended"]


def test_ending_a_term_before_it_began_is_refused(client, council_world):
    seat = council_world.council.members.get(user=council_world.bo)
    client.force_login(council_world.world.leader)
    response = client.post(
        reverse("peers:seat_end", args=[seat.pk]),
        {"term_to": seat.term_from - datetime.timedelta(days=1)},
    )
    assert response.status_code == 200
    assert "Slutdatoen skal ligge efter periodens start" in response.content.decode()
    seat.refresh_from_db()
    assert seat.term_to is None
    assert Membership.objects.filter(user=council_world.bo, role=Role.COUNCIL_MEMBER).exists()


# --- scope -------------------------------------------------------------------------------------


def test_a_leader_of_another_district_gets_404_and_changes_nothing(
    client, council_world, other_leader
):
    client.force_login(other_leader)
    for url in leader_pages(council_world):
        assert client.get(url).status_code == 404, url
    seat = council_world.council.members.get(user=council_world.bo)
    assert client.post(leader_pages(council_world)[2], {"term_to": days(-1)}).status_code == 404
    response = client.post(
        reverse("peers:budget", args=[council_world.council.pk]),
        {"year": TODAY().year, "amount": "1"},
    )
    assert response.status_code == 404
    seat.refresh_from_db()
    assert seat.term_to is None
    assert Budget.objects.get(council=council_world.council).amount_ore == 10_000_00


@pytest.mark.parametrize("who", ["chair", "bo", "staff"])
def test_council_members_and_staff_may_not_manage_the_council(client, council_world, who):
    user = council_world.world.staff if who == "staff" else getattr(council_world, who)
    client.force_login(user)
    for url in leader_pages(council_world):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("peers:rules", args=[council_world.council.pk]),
        {"quorum_rule": "all", "tie_rule": "reject", "vote_days": "3"},
    )
    assert response.status_code == 403
    assert Council.objects.get(pk=council_world.council.pk).quorum_rule == "more_than_half"


def test_the_council_page_links_the_leader_to_the_management_pages(client, council_world):
    url = reverse("peers:council", args=[council_world.council.pk])
    client.force_login(council_world.world.leader)
    page = client.get(url).content.decode()
    for name in ("seats", "budget", "rules"):
        assert reverse(f"peers:{name}", args=[council_world.council.pk]) in page
    client.force_login(council_world.chair)
    assert "Administrér rådet" not in client.get(url).content.decode()


# --- budget ------------------------------------------------------------------------------------


def test_a_leader_sets_the_yearly_budget(client, council_world):
    year = TODAY().year
    client.force_login(council_world.world.leader)
    response = client.post(
        reverse("peers:budget", args=[council_world.council.pk]),
        {"year": year, "amount": "15.000,50"},
    )
    assert response.status_code == 302
    assert Budget.objects.get(council=council_world.council, year=year).amount_ore == 15_000_50
    assert "amount_ore=1500050" in audited("peers.budget", AuditEvent.Action.CHANGE)
    page = client.get(response["Location"]).content.decode()
    assert f"Nyt budget for {year}: 15.000,50 kr.<" in page


def test_a_budget_for_next_year_is_created_and_audited(client, council_world):
    client.force_login(council_world.world.leader)
    client.post(
        reverse("peers:budget", args=[council_world.council.pk]),
        {"year": TODAY().year + 1, "amount": "20000"},
    )
    assert Budget.objects.get(year=TODAY().year + 1).amount_ore == 20_000_00
    assert "amount_ore=2000000" in audited("peers.budget", AuditEvent.Action.CREATE)


def test_a_budget_below_what_is_granted_is_refused_with_the_granted_sum(client, council_world):
    granted_decision(council_world, amount_ore=2_500_00)
    client.force_login(council_world.world.leader)
    response = client.post(
        reverse("peers:budget", args=[council_world.council.pk]),
        {"year": TODAY().year, "amount": "1000"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Budgettet kan ikke sættes under det, der allerede er bevilget" in content
    assert "2.500,00 kr." in content
    assert Budget.objects.get(council=council_world.council).amount_ore == 10_000_00


def test_a_budget_that_is_not_an_amount_is_refused(client, council_world):
    client.force_login(council_world.world.leader)
    response = client.post(
        reverse("peers:budget", args=[council_world.council.pk]),
        {"year": TODAY().year, "amount": "mange penge"},
    )
    assert "Skriv beløbet i kroner" in response.content.decode()
    assert Budget.objects.get(council=council_world.council).amount_ore == 10_000_00


def test_administration_reads_the_budget_but_cannot_set_it(client, council_world):
    url = reverse("peers:budget", args=[council_world.council.pk])
    client.force_login(council_world.world.administration)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "10.000,00 kr." in content
    assert "Gem budgettet" not in content
    assert client.post(url, {"year": TODAY().year, "amount": "1"}).status_code == 403
    assert Budget.objects.get(council=council_world.council).amount_ore == 10_000_00
    assert client.get(reverse("peers:budget", args=[987654])).status_code == 404


def test_the_admin_saves_budgets_through_the_same_check(rf: RequestFactory, council_world):
    budget = council_world.budget
    granted_decision(council_world, amount_ore=2_500_00)
    form = BudgetAdminForm(
        {"council": budget.council_id, "year": budget.year, "amount_ore": "1.000"},
        instance=budget,
    )
    assert not form.is_valid()
    assert "2.500,00 kr." in form.errors["amount_ore"][0]

    admin = BudgetAdmin(Budget, AdminSite())
    request = rf.post("/")
    request.user = council_world.world.leader
    budget.amount_ore = 12_000_00
    admin.save_model(request, budget, None, change=True)
    assert Budget.objects.get(pk=budget.pk).amount_ore == 12_000_00
    assert "amount_ore=1200000" in audited("peers.budget", AuditEvent.Action.CHANGE)
    assert admin.get_readonly_fields(request, budget) == ["council", "year"]


def test_the_admin_takes_and_shows_budgets_in_kroner(council_world):
    budget = council_world.budget
    shown = BudgetAdminForm(instance=budget)
    typed = BudgetAdminForm(
        {"council": budget.council_id, "year": budget.year, "amount_ore": "20000"},
        instance=budget,
    )

    assert 'value="10.000,00"' in str(shown["amount_ore"])
    assert typed.is_valid(), typed.errors
    assert typed.cleaned_data["amount_ore"] == 20_000_00


def test_the_admin_speaks_danish(admin_client):
    page = admin_client.get("/admin/").content.decode()

    assert "Log ud" in page
    assert "Velkommen" in page


# --- rules -------------------------------------------------------------------------------------


def test_a_leader_edits_the_councils_rules(client, council_world):
    client.force_login(council_world.world.leader)
    response = client.post(
        reverse("peers:rules", args=[council_world.council.pk]),
        {
            "quorum_rule": "two_thirds",
            "tie_rule": "chair_decides",
            "open_votes": "on",
            "vote_days": "10",
        },
    )
    assert response.status_code == 302
    council = Council.objects.get(pk=council_world.council.pk)
    assert (council.quorum_rule, council.tie_rule, council.open_votes, council.vote_days) == (
        "two_thirds",
        "chair_decides",
        True,
        10,
    )
    assert audited("peers.council", AuditEvent.Action.CHANGE) == [
        "rules quorum_rule,tie_rule,open_votes,vote_days"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"vote_days": "0"}, "Skriv et antal dage mellem 1 og 60."),
        ({"vote_days": "90"}, "Skriv et antal dage mellem 1 og 60."),
        ({"tie_rule": "coin"}, "Vælg en af reglerne."),
    ],
)
def test_invalid_rules_are_refused_with_nothing_changed(client, council_world, data, message):
    client.force_login(council_world.world.leader)
    posted = {"quorum_rule": "all", "tie_rule": "reject", "vote_days": "5"}
    posted.update(data)
    response = client.post(reverse("peers:rules", args=[council_world.council.pk]), posted)
    assert response.status_code == 200
    assert message in response.content.decode()
    council = Council.objects.get(pk=council_world.council.pk)
    assert (council.quorum_rule, council.vote_days) == ("more_than_half", 7)
    assert not audited("peers.council", AuditEvent.Action.CHANGE)


def test_the_admin_shows_the_rules_read_only(council_world):
    admin = CouncilAdmin(Council, AdminSite())
    assert set(admin.get_readonly_fields(None, council_world.council)) == set(
        services.COUNCIL_RULE_FIELDS
    )


# --- linking decisions to a meeting ------------------------------------------------------------


@pytest.fixture
def meeting_and_decision(council_world):
    # The meeting is dated before the vote, so the decision is not reported automatically.
    meeting = voting.meeting_create(
        council=council_world.council, date=days(-1), by=council_world.chair
    )
    decision = granted_decision(council_world, title="Kanotur")
    assert decision.meeting is None
    return meeting, decision


@pytest.mark.parametrize("who", ["chair", "leader"])
def test_a_decision_by_vote_is_linked_to_a_meeting_by_hand(
    client, council_world, meeting_and_decision, who
):
    meeting, decision = meeting_and_decision
    user = council_world.world.leader if who == "leader" else council_world.chair
    client.force_login(user)
    page = client.get(reverse("peers:meeting", args=[meeting.pk])).content.decode()
    assert "Tilføj beslutninger fra afstemninger" in page
    assert "Kanotur · Bevilget" in page
    response = client.post(
        reverse("peers:meeting_link", args=[meeting.pk]), {"decisions": [decision.pk]}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.meeting == meeting
    assert f"meeting={meeting.pk}" in audited("peers.decision", AuditEvent.Action.CHANGE)
    page = client.get(response["Location"]).content.decode()
    assert "Tilføj beslutninger fra afstemninger" not in page


def test_linking_nothing_or_another_councils_decision_is_refused(
    client, council_world, meeting_and_decision
):
    meeting, decision = meeting_and_decision
    client.force_login(council_world.chair)
    url = reverse("peers:meeting_link", args=[meeting.pk])
    response = client.post(url, {})
    assert "Vælg mindst én beslutning." in response.content.decode()

    other = council_world.other_council
    services.budget_set(council=other, year=TODAY().year, amount_ore=5_000_00)
    application = submitted_application(council_world, council=other, title="Fremmed")
    voting.vote_open(application=application, by=council_world.outsider)
    voting.vote_cast(application=application, user=council_world.outsider, choice="yes")
    foreign = Decision.objects.get(application=application)
    response = client.post(url, {"decisions": [foreign.pk]})
    assert response.status_code == 200
    assert "Vælg kun blandt rådets beslutninger, der ikke står i et referat." in (
        response.content.decode()
    )
    assert not Decision.objects.filter(meeting=meeting).exists()
    assert not audited("peers.decision", AuditEvent.Action.CHANGE)


def test_the_service_refuses_a_decision_already_in_another_meeting(
    council_world, meeting_and_decision
):
    meeting, decision = meeting_and_decision
    later = voting.meeting_create(council=council_world.council, date=days(0), by=None)
    decision.refresh_from_db()
    assert decision.meeting == later
    with pytest.raises(services.ValidationError, match="et andet møde"):
        voting.meeting_link_decisions(meeting=meeting, decisions=[decision], by=None)
    decision.refresh_from_db()
    assert decision.meeting == later


def test_linking_is_scoped(client, council_world, meeting_and_decision, other_leader):
    meeting, decision = meeting_and_decision
    url = reverse("peers:meeting_link", args=[meeting.pk])
    for user, status in (
        (other_leader, 404),
        (council_world.outsider, 404),
        (council_world.world.staff, 403),
        (council_world.world.administration, 403),
    ):
        client.force_login(user)
        assert client.post(url, {"decisions": [decision.pk]}).status_code == status
    decision.refresh_from_db()
    assert decision.meeting is None
