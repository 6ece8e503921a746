"""Leaders draft scenarios from the inputs, with strengths, weaknesses, opportunities, challenges."""

import re

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from tests.workshops.factories import InputFactory, ScenarioFactory
from workshops.models import Scenario


@pytest.fixture
def inputs(ws):
    return [
        InputFactory(table=ws.table, theme=ws.peer, text="Peer-korps"),
        InputFactory(table=ws.table, theme=ws.opening_hours, text="Bred åbningstid"),
    ]


def data(items, **changes):
    return {
        "title": "Ét stort hus med satellitter",
        "description": "Et hus i Nordvest og to satellitter.",
        "status": "draft",
        "reason": "",
        "inputs": [items[0].pk],
        "strength": "Bred åbningstid\n\nStærkt fællesskab",
        "weakness": "Længere afstand",
        "opportunity": "",
        "challenge": "Lokaler",
    } | changes


def test_it_drafts_a_scenario_from_inputs(client, world, ws, inputs):
    client.force_login(world.leader)
    page = client.get(reverse("workshops:scenario_create", args=[ws.amager.pk]))
    assert "Peer-korps" in page.content.decode()
    response = client.post(reverse("workshops:scenario_create", args=[ws.amager.pk]), data(inputs))
    scenario = Scenario.objects.get()
    assert response.url == reverse("workshops:scenario_edit", args=[scenario.pk])
    assert (scenario.district, scenario.process, scenario.status) == (
        world.amager,
        ws.process,
        "draft",
    )
    assert list(scenario.inputs.all()) == [inputs[0]]
    points = [(p.kind, p.text) for p in scenario.points.order_by("kind", "order")]
    assert points == [
        ("challenge", "Lokaler"),
        ("strength", "Bred åbningstid"),
        ("strength", "Stærkt fællesskab"),
        ("weakness", "Længere afstand"),
    ]
    assert AuditEvent.objects.filter(action="create", object_type="workshops.scenario").exists()


def test_editing_replaces_the_lists_and_keeps_the_inputs_chosen(client, world, ws, inputs):
    scenario = ScenarioFactory(process=ws.process, district=world.amager)
    scenario.inputs.add(inputs[1])
    scenario.points.create(kind="strength", text="Gammel styrke")
    client.force_login(world.leader)
    url = reverse("workshops:scenario_edit", args=[scenario.pk])
    page = client.get(url).content.decode()
    assert re.search(rf'<input[^>]*value="{inputs[1].pk}"[^>]*checked', page)
    assert not re.search(rf'<input[^>]*value="{inputs[0].pk}"[^>]*checked', page)
    client.post(url, data(inputs, title=scenario.title, strength="Ny styrke", inputs=[]))
    assert [p.text for p in scenario.points.filter(kind="strength")] == ["Ny styrke"]
    assert not scenario.inputs.exists()


def test_choosing_or_rejecting_needs_a_reason(client, world, ws, inputs):
    client.force_login(world.leader)
    url = reverse("workshops:scenario_create", args=[ws.amager.pk])
    response = client.post(url, data(inputs, status="chosen"))
    assert "Skriv en begrundelse" in response.content.decode()
    assert not Scenario.objects.exists()
    client.post(url, data(inputs, status="chosen", reason="Flest prikker og enighed"))
    assert Scenario.objects.get().status == "chosen"


def test_a_taken_title_is_refused_and_the_typed_text_kept(client, world, ws, inputs):
    ScenarioFactory(process=ws.process, district=world.amager, title="Ét stort hus med satellitter")
    client.force_login(world.leader)
    response = client.post(reverse("workshops:scenario_create", args=[ws.amager.pk]), data(inputs))
    assert response.status_code == 200
    assert "Længere afstand" in response.content.decode()
    assert Scenario.objects.count() == 1


def test_inputs_from_another_district_cannot_be_linked(client, world, ws, inputs):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:scenario_create", args=[ws.amager.pk]),
        data(inputs, inputs=[ws.norrebro_input.pk]),
    )
    assert "inputs" in response.context["form"].errors
    assert not Scenario.objects.exists()


def test_staff_take_part_but_do_not_write_scenarios(client, world, ws):
    client.force_login(world.staff)
    assert client.get(reverse("workshops:scenario_create", args=[ws.amager.pk])).status_code == 403


def test_another_districts_scenario_answers_404(client, world, ws):
    scenario = ScenarioFactory(process=ws.process, district=world.norrebro)
    client.force_login(world.leader)
    assert client.get(reverse("workshops:scenario_edit", args=[scenario.pk])).status_code == 404
    response = client.get(reverse("workshops:scenario_create", args=[ws.norrebro.pk]))
    assert response.status_code == 404
