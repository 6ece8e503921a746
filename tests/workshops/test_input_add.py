"""The facilitator types the tables' inputs one line at a time (htmx, and plain POST without JS)."""

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from tests.workshops.factories import InputFactory, TableFactory
from workshops.models import Input, Tag


def url(workshop):
    return reverse("workshops:live", args=[workshop.pk])


def data(ws, **changes):
    return {
        "table": ws.table.pk,
        "theme": ws.peer.pk,
        "question": ws.question.pk,
        "text": "Peer-korps der kan reklamere for ordningen",
        "tags": "peer-to-peer, Stigma",
    } | changes


def test_it_shows_the_entry_form_with_the_chosen_table_and_theme(client, world, ws):
    client.force_login(world.staff)
    response = client.get(url(ws.amager), {"table": ws.table.pk, "theme": ws.peer.pk})
    assert response.status_code == 200
    assert response.context["form"]["theme"].value() == str(ws.peer.pk)


def test_it_adds_an_input_and_returns_a_cleared_field_to_htmx(client, world, ws):
    client.force_login(world.staff)
    response = client.post(url(ws.amager), data(ws), headers={"HX-Request": "true"})
    assert response.status_code == 200, response.context["form"].errors
    item = Input.objects.get(table=ws.table)
    assert item.text == "Peer-korps der kan reklamere for ordningen"
    assert item.question == ws.question
    assert {t.name for t in item.tags.all()} == {"peer-to-peer", "Stigma"}
    html = response.content.decode()
    assert "<html" not in html  # only the fragment
    assert 'name="text"' in html and "autofocus" in html
    assert 'value="Peer-korps' not in html
    assert response.context["form"]["theme"].value() == ws.peer.pk
    assert "Gemt: Peer-korps" in html


def test_without_javascript_it_redirects_back_keeping_table_and_theme(client, world, ws):
    client.force_login(world.leader)
    response = client.post(url(ws.amager), data(ws))
    assert response.status_code == 302
    assert f"table={ws.table.pk}" in response.url and f"theme={ws.peer.pk}" in response.url
    assert Input.objects.filter(table=ws.table).count() == 1


def test_it_reuses_tags_whatever_their_case(client, world, ws):
    client.force_login(world.staff)
    client.post(url(ws.amager), data(ws, tags="stigma"))
    client.post(url(ws.amager), data(ws, text="Andet input", tags="STIGMA, stigma"))
    assert Tag.objects.filter(name__iexact="stigma").count() == 1
    assert Tag.objects.get(name__iexact="stigma").inputs.count() == 2


def test_it_writes_an_audit_event(client, world, ws):
    client.force_login(world.staff)
    client.post(url(ws.amager), data(ws))
    item = Input.objects.get(table=ws.table)
    assert AuditEvent.objects.filter(
        actor=world.staff, action="create", object_type="workshops.input", object_id=str(item.pk)
    ).exists()


def test_an_empty_line_is_refused_in_danish_and_nothing_is_saved(client, world, ws):
    client.force_login(world.staff)
    response = client.post(url(ws.amager), data(ws, text="  "), headers={"HX-Request": "true"})
    # htmx swaps only 2xx answers: the form with its error comes back as 200.
    assert response.status_code == 200
    assert "Skriv bordets input" in response.content.decode()
    assert not Input.objects.filter(table=ws.table).exists()


def test_a_too_long_line_is_refused_and_the_text_is_kept(client, world, ws):
    client.force_login(world.staff)
    response = client.post(url(ws.amager), data(ws, text="x" * 401))
    assert "højst 400 tegn" in response.content.decode()
    assert "x" * 401 in response.content.decode()
    assert not Input.objects.filter(table=ws.table).exists()


def test_a_question_under_another_theme_is_refused(client, world, ws):
    client.force_login(world.staff)
    response = client.post(url(ws.amager), data(ws, theme=ws.opening_hours.pk))
    assert "hører ikke under det valgte tema" in response.content.decode()
    assert not Input.objects.filter(table=ws.table).exists()


def test_a_table_from_another_workshop_is_refused(client, world, ws):
    client.force_login(world.staff)
    other = TableFactory(workshop=ws.norrebro, number=7)
    response = client.post(url(ws.amager), data(ws, table=other.pk))
    assert response.status_code == 200
    assert not Input.objects.filter(table=other).exists()


def test_it_answers_404_for_another_districts_workshop(client, world, ws):
    client.force_login(world.staff)
    response = client.post(
        url(ws.norrebro), data(ws, table=ws.norrebro_table.pk, theme=ws.opening_hours.pk)
    )
    assert response.status_code == 404
    assert Input.objects.count() == 1


@pytest.mark.parametrize("role", ["council_member", "peer_mentor", "administration"])
def test_participants_and_administration_cannot_type_inputs(client, world, ws, role):
    client.force_login(getattr(world, role))
    assert client.post(url(ws.amager), data(ws)).status_code == 403
    assert not Input.objects.filter(table=ws.table).exists()


def test_it_asks_anonymous_users_to_log_in(client, ws):
    response = client.get(url(ws.amager))
    assert response.status_code == 302 and "/login/" in response.url


def test_the_recent_list_costs_the_same_with_more_inputs(
    client, world, ws, django_assert_max_num_queries
):
    client.force_login(world.staff)
    for n in range(15):
        InputFactory(table=ws.table, theme=ws.peer, text=f"Input {n}")
    with django_assert_max_num_queries(17):
        response = client.get(url(ws.amager))
    assert len(response.context["recent"]) == 10
