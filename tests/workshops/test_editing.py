"""Changing and deleting workshops, tables, scenarios and the process's milestones.

Every delete asks first and says what goes with it; a scenario chosen for Socialudvalget keeps
itself and the inputs it was argued from. Leaders change their own district's workshops, scenarios
and milestones; staff facilitate (and delete) tables; council members only take part.
"""

import datetime

import pytest
from django.urls import reverse

from astnet.models import AuditEvent, Role
from tests.factories import member
from tests.workshops.factories import (
    InputFactory,
    ProcessFactory,
    ScenarioFactory,
    TableFactory,
    WorkshopFactory,
)
from workshops import services
from workshops.models import Ballot, Dot, Input, Milestone, Scenario, ScenarioPoint, Table, Workshop


@pytest.fixture
def filled(ws):
    """The Amager workshop with a second table, inputs, a phone's dots and a draft scenario."""
    second = TableFactory(workshop=ws.amager, number=2, name="Det gule bord")
    kept = InputFactory(table=ws.table, theme=ws.peer, text="Peer-korps")
    lost = InputFactory(table=second, theme=ws.opening_hours, text="Åbent om aftenen")
    ballot = Ballot.objects.create(workshop=ws.amager, device="telefon")
    Dot.objects.create(ballot=ballot, input=lost, count=2)
    Dot.objects.create(ballot=ballot, theme=ws.peer, count=1)
    scenario = ScenarioFactory(process=ws.process, district=ws.amager.district, title="Ét hus")
    scenario.inputs.set([kept, lost])
    scenario.points.create(kind="strength", text="Bred åbningstid")
    scenario.points.create(kind="challenge", text="Afstand")
    ws.amager.programme.create(order=0, text="Velkomst")
    return {"second": second, "kept": kept, "lost": lost, "scenario": scenario}


def choose(scenario):
    scenario.status = Scenario.Status.CHOSEN
    scenario.reason = "Flest prikker"
    scenario.save()


@pytest.fixture
def other_leader(world):
    return member(Role.LEADER, district=world.norrebro)


# --- deleting a workshop -----------------------------------------------------------------------


def test_deleting_a_workshop_asks_first_and_says_what_goes(client, world, ws, filled):
    client.force_login(world.leader)
    response = client.get(reverse("workshops:delete", args=[ws.amager.pk]))
    html = response.content.decode()
    assert "Slet workshoppen “Workshop 1”?" in html
    for effect in ("1 programpunkt", "2 borde", "2 input fra bordene", "1 stemmeseddel"):
        assert effect in html
    assert "3 prikker fra prioriteringen" in html
    assert "Ét hus" in html and "mister 2 input" in html
    assert Workshop.objects.filter(pk=ws.amager.pk).exists()


def test_a_leader_deletes_the_workshop_with_its_tables_and_votes(client, world, ws, filled):
    client.force_login(world.leader)
    response = client.post(reverse("workshops:delete", args=[ws.amager.pk]))
    assert response.url == reverse("workshops:list")
    assert not Workshop.objects.filter(pk=ws.amager.pk).exists()
    assert not Table.objects.filter(workshop_id=ws.amager.pk).exists()
    assert not Ballot.objects.exists() and not Dot.objects.exists()
    # The scenario stays, without the inputs that went.
    assert Scenario.objects.get(pk=filled["scenario"].pk).inputs.count() == 0
    assert AuditEvent.objects.filter(
        action="delete", object_type="workshops.workshop", object_id=str(ws.amager.pk)
    ).exists()


def test_a_workshop_a_chosen_scenario_draws_on_is_kept(client, world, ws, filled):
    choose(filled["scenario"])
    client.force_login(world.leader)
    page = client.get(reverse("workshops:delete", args=[ws.amager.pk])).content.decode()
    assert "valgt til Socialudvalget" in page
    response = client.post(reverse("workshops:delete", args=[ws.amager.pk]))
    assert response.status_code == 409
    assert "Workshoppen kan ikke slettes, fordi “Ét hus” er valgt til Socialudvalget" in (
        response.content.decode()
    )
    assert Workshop.objects.filter(pk=ws.amager.pk).exists()
    assert Input.objects.filter(table__workshop=ws.amager).count() == 2
    assert not AuditEvent.objects.filter(action="delete").exists()


def test_another_districts_leader_gets_404_when_deleting(client, ws, other_leader):
    client.force_login(other_leader)
    assert client.get(reverse("workshops:delete", args=[ws.amager.pk])).status_code == 404
    assert client.post(reverse("workshops:delete", args=[ws.amager.pk])).status_code == 404
    assert Workshop.objects.filter(pk=ws.amager.pk).exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.COUNCIL_MEMBER, Role.ADMINISTRATION])
def test_only_leaders_delete_workshops(client, world, ws, role):
    client.force_login(world.persona(role))
    assert client.post(reverse("workshops:delete", args=[ws.amager.pk])).status_code == 403
    assert Workshop.objects.filter(pk=ws.amager.pk).exists()


# --- changing a workshop ------------------------------------------------------------------------


def workshop_data(ws, **changes):
    return {
        "process": ws.process.pk,
        "district": ws.amager.district_id,
        "title": "Workshop 1",
        "date": "2015-09-08",
        "start_time": "10:00",
        "end_time": "13:00",
        "dots_per_participant": 3,
        "themes": [ws.peer.pk],
    } | changes


def test_a_workshop_ending_before_it_starts_is_refused_unchanged(client, world, ws):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:edit", args=[ws.amager.pk]),
        workshop_data(ws, title="Nyt navn", end_time="09:00"),
    )
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in response.content.decode()
    ws.amager.refresh_from_db()
    assert ws.amager.title == "Workshop 1" and ws.amager.end_time is None


def test_another_districts_leader_cannot_change_the_workshop(client, ws, other_leader):
    client.force_login(other_leader)
    response = client.post(
        reverse("workshops:edit", args=[ws.amager.pk]), workshop_data(ws, title="Overtaget")
    )
    assert response.status_code == 404
    assert Workshop.objects.get(pk=ws.amager.pk).title == "Workshop 1"


def test_council_members_cannot_change_the_workshop(client, world, ws):
    client.force_login(world.council_member)
    response = client.post(
        reverse("workshops:edit", args=[ws.amager.pk]), workshop_data(ws, title="Overtaget")
    )
    assert response.status_code == 403
    assert Workshop.objects.get(pk=ws.amager.pk).title == "Workshop 1"


# --- tables -------------------------------------------------------------------------------------


def test_deleting_a_table_asks_first_and_says_what_goes(client, world, ws, filled):
    client.force_login(world.staff)
    url = reverse("workshops:table_delete", args=[ws.amager.pk, filled["second"].pk])
    html = client.get(url).content.decode()
    assert "Slet Bord 2: Det gule bord?" in html
    assert "1 input fra bordene" in html and "2 prikker fra prioriteringen" in html
    assert "mister 1 input" in html
    assert Table.objects.filter(pk=filled["second"].pk).exists()


def test_staff_delete_a_table_with_its_inputs(client, world, ws, filled):
    client.force_login(world.staff)
    url = reverse("workshops:table_delete", args=[ws.amager.pk, filled["second"].pk])
    response = client.post(url)
    assert response.url == reverse("workshops:detail", args=[ws.amager.pk])
    assert list(ws.amager.tables.all()) == [ws.table]
    assert not Input.objects.filter(pk=filled["lost"].pk).exists()
    assert list(filled["scenario"].inputs.all()) == [filled["kept"]]
    assert AuditEvent.objects.filter(action="delete", object_type="workshops.table").exists()


def test_a_table_a_chosen_scenario_draws_on_is_kept(client, world, ws, filled):
    choose(filled["scenario"])
    client.force_login(world.leader)
    url = reverse("workshops:table_delete", args=[ws.amager.pk, filled["second"].pk])
    response = client.post(url)
    assert response.status_code == 409
    assert "Bordet kan ikke slettes" in response.content.decode()
    assert Input.objects.filter(pk=filled["lost"].pk).exists()


def test_another_districts_table_answers_404(client, ws, other_leader):
    client.force_login(other_leader)
    url = reverse("workshops:table_delete", args=[ws.amager.pk, ws.table.pk])
    assert client.post(url).status_code == 404
    # Nor through the leader's own workshop's address.
    url = reverse("workshops:table_delete", args=[ws.norrebro.pk, ws.table.pk])
    assert client.post(url).status_code == 404
    assert Table.objects.filter(pk=ws.table.pk).exists()


def test_council_members_cannot_change_or_delete_tables(client, world, ws):
    client.force_login(world.council_member)
    edit = reverse("workshops:table_edit", args=[ws.amager.pk, ws.table.pk])
    assert client.post(edit, {"number": 9, "users": 0}).status_code == 403
    delete = reverse("workshops:table_delete", args=[ws.amager.pk, ws.table.pk])
    assert client.post(delete).status_code == 403
    ws.table.refresh_from_db()
    assert ws.table.number == 1


def test_a_negative_count_is_refused_and_the_table_unchanged(client, world, ws):
    client.force_login(world.staff)
    url = reverse("workshops:table_edit", args=[ws.amager.pk, ws.table.pk])
    response = client.post(url, {"number": 1, "users": -2, "relatives": 0, "staff": 0})
    assert "større end eller lig 0" in response.content.decode()
    ws.table.refresh_from_db()
    assert ws.table.users == 4


def test_another_districts_leader_cannot_change_a_table(client, ws, other_leader):
    client.force_login(other_leader)
    url = reverse("workshops:table_edit", args=[ws.amager.pk, ws.table.pk])
    assert client.post(url, {"number": 1, "users": 9}).status_code == 404
    ws.table.refresh_from_db()
    assert ws.table.users == 4


# --- scenarios ----------------------------------------------------------------------------------


def test_deleting_a_scenario_asks_first(client, world, ws, filled):
    client.force_login(world.leader)
    html = client.get(
        reverse("workshops:scenario_delete", args=[filled["scenario"].pk])
    ).content.decode()
    assert "Slet scenariet “Ét hus”?" in html
    assert "2 punkter under styrker, svagheder, muligheder og udfordringer" in html
    assert "De input, scenariet bygger på, bliver." in html
    assert Scenario.objects.filter(pk=filled["scenario"].pk).exists()


def test_a_leader_deletes_a_draft_scenario_and_the_inputs_stay(client, world, ws, filled):
    client.force_login(world.leader)
    response = client.post(reverse("workshops:scenario_delete", args=[filled["scenario"].pk]))
    assert response.url == reverse(
        "workshops:scenario_comparison", args=[ws.process.pk, ws.amager.district_id]
    )
    assert not Scenario.objects.exists() and not ScenarioPoint.objects.exists()
    assert Input.objects.filter(pk__in=[filled["kept"].pk, filled["lost"].pk]).count() == 2
    assert AuditEvent.objects.filter(action="delete", object_type="workshops.scenario").exists()


def test_a_chosen_scenario_cannot_be_deleted(client, world, filled):
    choose(filled["scenario"])
    client.force_login(world.leader)
    response = client.post(reverse("workshops:scenario_delete", args=[filled["scenario"].pk]))
    assert response.status_code == 409
    assert "kan ikke slettes. Sæt det tilbage til kladde" in response.content.decode()
    assert Scenario.objects.get().points.count() == 2


def test_another_districts_scenario_cannot_be_changed_or_deleted(client, world, ws, other_leader):
    scenario = ScenarioFactory(process=ws.process, district=world.amager, title="Amagers")
    client.force_login(other_leader)
    edit = reverse("workshops:scenario_edit", args=[scenario.pk])
    assert client.post(edit, {"title": "Overtaget", "status": "draft"}).status_code == 404
    assert client.post(reverse("workshops:scenario_delete", args=[scenario.pk])).status_code == 404
    assert Scenario.objects.get(pk=scenario.pk).title == "Amagers"


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.STAFF])
def test_only_leaders_change_or_delete_scenarios(client, world, filled, role):
    client.force_login(world.persona(role))
    scenario = filled["scenario"]
    edit = reverse("workshops:scenario_edit", args=[scenario.pk])
    assert client.post(edit, {"title": "Overtaget", "status": "draft"}).status_code == 403
    assert client.post(reverse("workshops:scenario_delete", args=[scenario.pk])).status_code == 403
    assert Scenario.objects.get(pk=scenario.pk).title == "Ét hus"


def test_a_choice_without_reason_is_refused_and_the_scenario_unchanged(client, world, filled):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:scenario_edit", args=[filled["scenario"].pk]),
        {"title": "Ét hus", "status": "chosen", "reason": ""},
    )
    assert "Skriv en begrundelse, når scenariet vælges eller fravælges." in (
        response.content.decode()
    )
    assert Scenario.objects.get().status == "draft"
    assert Scenario.objects.get().inputs.count() == 2


# --- milestones ---------------------------------------------------------------------------------


def milestone_data(**changes):
    return {
        "kind": "status_note",
        "title": "Statusnotat",
        "date": "2015-10-28",
        "description": "Hvor langt er vi?",
    } | changes


def test_a_leader_adds_a_milestone_to_the_process(client, world, ws):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:milestone_create", args=[ws.amager.pk]), milestone_data()
    )
    assert response.url == reverse("workshops:detail", args=[ws.amager.pk])
    milestone = Milestone.objects.get()
    assert (milestone.process, milestone.date) == (ws.process, datetime.date(2015, 10, 28))
    page = client.get(reverse("workshops:detail", args=[ws.amager.pk])).content.decode()
    assert "Statusnotat" in page
    assert AuditEvent.objects.filter(action="create", object_type="workshops.milestone").exists()


def test_a_leader_changes_a_milestone_and_may_leave_the_date_open(client, world, ws):
    milestone = Milestone.objects.create(process=ws.process, kind="interviews", title="Interviews")
    client.force_login(world.leader)
    url = reverse("workshops:milestone_edit", args=[ws.amager.pk, milestone.pk])
    assert client.get(url).context["form"].initial["title"] == "Interviews"
    client.post(url, milestone_data(kind="interviews", title="Interviews med brugere", date=""))
    milestone.refresh_from_db()
    assert (milestone.title, milestone.date) == ("Interviews med brugere", None)


def test_a_taken_milestone_title_is_refused_and_nothing_changes(client, world, ws):
    Milestone.objects.create(process=ws.process, kind="status_note", title="Statusnotat")
    other = Milestone.objects.create(process=ws.process, kind="interviews", title="Interviews")
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:milestone_edit", args=[ws.amager.pk, other.pk]),
        milestone_data(title="statusnotat"),
    )
    assert "Processen har allerede en milepæl med den titel." in response.content.decode()
    assert Milestone.objects.get(pk=other.pk).title == "Interviews"
    response = client.post(
        reverse("workshops:milestone_create", args=[ws.amager.pk]), milestone_data(title=" ")
    )
    assert "Dette felt er påkrævet." in response.content.decode()
    assert Milestone.objects.count() == 2


def test_deleting_a_milestone_asks_first(client, world, ws):
    milestone = Milestone.objects.create(process=ws.process, kind="workshop", title="Workshop 3")
    client.force_login(world.leader)
    url = reverse("workshops:milestone_delete", args=[ws.amager.pk, milestone.pk])
    html = client.get(url).content.decode()
    assert "Slet milepælen “Workshop 3”?" in html and "Intet andet slettes." in html
    assert Milestone.objects.exists()
    assert client.post(url).url == reverse("workshops:detail", args=[ws.amager.pk])
    assert not Milestone.objects.exists()


def test_milestones_of_another_districts_process_answer_404(client, world, ws):
    """The Amager leader runs no workshop in this process: its plan is not theirs to change."""
    process = ProcessFactory(name="Nørrebros egen proces")
    workshop = WorkshopFactory(process=process, district=world.norrebro, title="Kun Nørrebro")
    milestone = Milestone.objects.create(process=process, kind="workshop", title="Workshop A")
    client.force_login(world.leader)
    create = reverse("workshops:milestone_create", args=[workshop.pk])
    assert client.post(create, milestone_data()).status_code == 404
    # Nor through a workshop of their own in another process.
    edit = reverse("workshops:milestone_edit", args=[ws.amager.pk, milestone.pk])
    assert client.post(edit, milestone_data()).status_code == 404
    delete = reverse("workshops:milestone_delete", args=[ws.amager.pk, milestone.pk])
    assert client.post(delete).status_code == 404
    assert list(process.milestones.values_list("title", flat=True)) == ["Workshop A"]


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.STAFF, Role.ADMINISTRATION])
def test_only_leaders_keep_the_milestones(client, world, ws, role):
    milestone = Milestone.objects.create(process=ws.process, kind="workshop", title="Workshop 3")
    client.force_login(world.persona(role))
    create = reverse("workshops:milestone_create", args=[ws.amager.pk])
    assert client.post(create, milestone_data()).status_code == 403
    edit = reverse("workshops:milestone_edit", args=[ws.amager.pk, milestone.pk])
    assert client.post(edit, milestone_data()).status_code == 403
    delete = reverse("workshops:milestone_delete", args=[ws.amager.pk, milestone.pk])
    assert client.post(delete).status_code == 403
    assert list(Milestone.objects.values_list("title", flat=True)) == ["Workshop 3"]


# --- the scenario comparison as a page ----------------------------------------------------------


def test_the_comparison_shows_scenarios_side_by_side(
    client, world, ws, filled, django_assert_max_num_queries
):
    other = ScenarioFactory(process=ws.process, district=world.amager, title="To huse")
    other.points.create(kind="weakness", text="Dobbelt husleje")
    services.input_add(by=world.leader, table=ws.table, theme=ws.peer, text="Samtalegrupper")
    other.inputs.set(Input.objects.filter(text="Samtalegrupper"))
    client.force_login(world.council_member)
    url = reverse("workshops:scenario_comparison", args=[ws.process.pk, world.amager.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert [s.title for s in response.context["comparison"].scenarios] == ["To huse", "Ét hus"]
    strengths = dict(response.context["comparison"].rows)["Styrker"]
    assert [[p.text for p in points] for points in strengths] == [[], ["Bred åbningstid"]]
    for text in ("Dobbelt husleje", "Afstand", "Peer-korps", "Samtalegrupper", "Bruger til bruger"):
        assert text in html
    assert reverse("workshops:scenario_comparison_pdf", args=[ws.process.pk, world.amager.pk]) in (
        html
    )
    # A council member reads; only leaders get links to change the scenarios.
    assert reverse("workshops:scenario_edit", args=[other.pk]) not in html


def test_the_comparison_without_scenarios_says_so(client, world, ws):
    client.force_login(world.leader)
    response = client.get(
        reverse("workshops:scenario_comparison", args=[ws.process.pk, world.amager.pk])
    )
    assert "Der er ingen scenarier for bydelen i processen endnu." in response.content.decode()


def test_another_districts_comparison_answers_404(client, world, ws):
    ScenarioFactory(process=ws.process, district=world.norrebro)
    client.force_login(world.leader)
    url = reverse("workshops:scenario_comparison", args=[ws.process.pk, world.norrebro.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.administration)
    assert client.get(url).status_code == 200


def test_the_synthesis_links_to_the_comparison_page(client, world, ws, filled):
    client.force_login(world.staff)
    html = client.get(reverse("workshops:synthesis", args=[ws.amager.pk])).content.decode()
    assert reverse("workshops:scenario_comparison", args=[ws.process.pk, world.amager.pk]) in html
