"""Synthesis: inputs by theme and by tag with counts, and the dot result."""

import pytest
from django.urls import reverse

from tests.workshops.factories import InputFactory, ScenarioFactory
from workshops import ballots
from workshops.models import Tag


@pytest.fixture
def voted(ws):
    stigma = Tag.objects.create(name="stigma")
    first = InputFactory(table=ws.table, theme=ws.peer, text="Peer-korps")
    second = InputFactory(table=ws.table, theme=ws.peer, text="Samtalegrupper")
    third = InputFactory(table=ws.table, theme=ws.opening_hours, text="Åbent om aftenen")
    first.tags.add(stigma)
    third.tags.add(stigma)
    for device, targets in {"a": [first, first, second], "b": [first]}.items():
        ballot = ballots.ballot_for_device(workshop=ws.amager, device=device)
        for item in targets:
            ballots.dot_add(ballot=ballot, item=item)
    ballots.dot_add(
        ballot=ballots.ballot_for_device(workshop=ws.amager, device="c"), theme=ws.opening_hours
    )
    return first, second, third


def url(ws):
    return reverse("workshops:synthesis", args=[ws.amager.pk])


def test_it_counts_inputs_by_theme_and_tag(client, world, ws, voted):
    client.force_login(world.council_member)
    response = client.get(url(ws))
    counts = {g.theme.title: g.count for g in response.context["groups"]}
    assert counts == {"Åbningstider": 1, "Bruger til bruger": 2}
    assert [(t.name, t.input_count) for t in response.context["tags"]] == [("stigma", 2)]


def test_it_shows_the_priority_result(client, world, ws, voted):
    client.force_login(world.staff)
    priority = client.get(url(ws)).context["priority"]
    assert priority.ballots == 3
    assert [(i.text, i.dot_total) for i in priority.inputs] == [
        ("Peer-korps", 3),
        ("Samtalegrupper", 1),
    ]
    assert [(t.title, t.dot_total) for t in priority.themes] == [("Åbningstider", 1)]


def test_it_lists_the_districts_scenarios(client, world, ws):
    ScenarioFactory(process=ws.process, district=world.amager, title="Ét stort hus")
    ScenarioFactory(process=ws.process, district=world.norrebro, title="Nørrebros")
    client.force_login(world.leader)
    response = client.get(url(ws))
    assert [s.title for s in response.context["scenarios"]] == ["Ét stort hus"]
    assert response.context["can_manage"]


def test_the_cost_does_not_grow_with_inputs(
    client, world, ws, voted, django_assert_max_num_queries
):
    client.force_login(world.staff)
    with django_assert_max_num_queries(19):
        client.get(url(ws))
    for _n in range(20):
        InputFactory(table=ws.table, theme=ws.peer).tags.add(Tag.objects.get())
    with django_assert_max_num_queries(19):
        client.get(url(ws))


def test_another_districts_synthesis_answers_404(client, world, ws):
    client.force_login(world.council_member)
    assert client.get(reverse("workshops:synthesis", args=[ws.norrebro.pk])).status_code == 404


def test_the_data_protection_officer_is_refused(client, world, ws):
    client.force_login(world.dpo)
    assert client.get(url(ws)).status_code == 403
