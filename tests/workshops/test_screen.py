"""The big screen: inputs grouped by theme, refreshed by htmx polling, with the voting code."""

import pytest
from django.urls import reverse

from tests.workshops.factories import InputFactory


def url(ws):
    return reverse("workshops:screen", args=[ws.amager.pk])


def test_it_shows_inputs_by_theme_the_code_and_the_address(client, world, ws):
    InputFactory(table=ws.table, theme=ws.peer, text="Peer-korps")
    client.force_login(world.staff)
    response = client.get(url(ws))
    html = response.content.decode()
    assert 'hx-trigger="every 5s"' in html
    assert ws.amager.voting_code in html
    assert "http://testserver/stem/" in html
    groups = {g.theme.title: [i.text for i in g.inputs] for g in response.context["groups"]}
    assert groups == {"Åbningstider": [], "Bruger til bruger": ["Peer-korps"]}


def test_polling_gets_only_the_board(client, world, ws):
    client.force_login(world.leader)
    response = client.get(url(ws), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'id="board"' in html


def test_the_cost_does_not_grow_with_inputs(client, world, ws, django_assert_max_num_queries):
    for n in range(20):
        InputFactory(table=ws.table, theme=ws.peer, text=f"Idé {n}")
    client.force_login(world.staff)
    with django_assert_max_num_queries(13):
        client.get(url(ws), headers={"HX-Request": "true"})


@pytest.mark.parametrize("role", ["council_member", "administration"])
def test_only_facilitators_open_the_screen(client, world, ws, role):
    client.force_login(getattr(world, role))
    assert client.get(url(ws)).status_code == 403


def test_another_districts_screen_answers_404(client, world, ws):
    client.force_login(world.staff)
    assert client.get(reverse("workshops:screen", args=[ws.norrebro.pk])).status_code == 404


def test_the_screen_has_a_qr_code_to_the_ballot_with_the_code(client, world, ws):
    client.force_login(world.staff)

    html = client.get(url(ws)).content.decode()

    assert 'class="workshop-qr" src="data:image/svg+xml;base64,' in html
    assert f"QR-kode, der åbner http://testserver/stem/ med koden {ws.amager.voting_code}" in html


def test_full_screen_mode_shows_no_navigation_or_login(client, world, ws):
    client.force_login(world.staff)

    normal = client.get(url(ws)).content.decode()
    full = client.get(url(ws) + "?fuld=1").content.decode()

    assert "Logget ind som" in normal and 'class="site-nav"' in normal
    assert "Logget ind som" not in full and 'class="site-nav"' not in full
    assert 'class="workshop-projector"' in full
    assert ws.amager.voting_code in full
