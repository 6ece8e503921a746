"""Dot voting from phones: a code, no account, one ballot per device, never more dots than allowed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.workshops.factories import InputFactory
from workshops.models import Ballot, Dot
from workshops.voting import DEVICE_COOKIE


@pytest.fixture
def inputs(ws):
    return [InputFactory(table=ws.table, theme=ws.peer, text=f"Idé {n}") for n in range(2)]


def open_ballot(client, workshop):
    response = client.get(reverse("workshops:ballot", args=[workshop.voting_code]))
    assert response.status_code == 200
    return response


def give(client, workshop, **target):
    return client.post(reverse("workshops:dot", args=[workshop.voting_code]), target)


def test_the_code_page_takes_a_code_and_leads_to_the_ballot(client, ws):
    response = client.post(reverse("workshops:vote_start"), {"code": ws.amager.voting_code.lower()})
    assert response.status_code == 302
    assert response.url == reverse("workshops:ballot", args=[ws.amager.voting_code])


def test_an_unknown_code_is_refused_in_danish(client, ws):
    response = client.post(reverse("workshops:vote_start"), {"code": "ZZZZZ9"})
    assert response.status_code == 200
    assert "Koden findes ikke" in response.content.decode()


def test_an_expired_code_is_refused_with_a_clear_message(client, ws):
    ws.amager.date = timezone.localdate() - datetime.timedelta(days=1)
    ws.amager.save()
    response = client.post(reverse("workshops:vote_start"), {"code": ws.amager.voting_code})
    assert "Koden er udløbet, fordi workshoppen er slut" in response.content.decode()
    response = client.get(reverse("workshops:ballot", args=[ws.amager.voting_code]))
    assert response.status_code == 410
    assert "Koden er udløbet" in response.content.decode()


def test_the_ballot_page_gives_the_phone_a_signed_device_cookie(client, ws, inputs):
    response = open_ballot(client, ws.amager)
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and ":" in cookie.value  # signed
    assert "Idé 0" in response.content.decode()
    assert not Ballot.objects.exists()  # made on the first dot, not on a look


def test_it_puts_a_dot_on_an_input_and_on_a_theme(client, ws, inputs):
    open_ballot(client, ws.amager)
    assert give(client, ws.amager, input=inputs[0].pk).status_code == 302
    give(client, ws.amager, input=inputs[0].pk)
    give(client, ws.amager, theme=ws.peer.pk)
    ballot = Ballot.objects.get()
    assert Dot.objects.get(ballot=ballot, input=inputs[0]).count == 2
    assert Dot.objects.get(ballot=ballot, theme=ws.peer).count == 1
    response = open_ballot(client, ws.amager)
    assert response.context["left"] == 0


def test_it_refuses_a_dot_beyond_the_limit(client, ws, inputs):
    open_ballot(client, ws.amager)
    for _ in range(3):
        give(client, ws.amager, input=inputs[0].pk)
    response = give(client, ws.amager, input=inputs[1].pk)
    assert response.status_code == 302
    assert sum(d.count for d in Dot.objects.all()) == 3
    assert not Dot.objects.filter(input=inputs[1]).exists()
    page = client.get(response.url)
    assert "Du har brugt alle dine 3 prikker" in page.content.decode()


def test_htmx_gets_the_updated_dots_and_the_refusal(client, ws, inputs):
    open_ballot(client, ws.amager)
    for _ in range(3):
        give(client, ws.amager, input=inputs[0].pk)
    response = client.post(
        reverse("workshops:dot", args=[ws.amager.voting_code]),
        {"input": inputs[1].pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Du har brugt alle dine 3 prikker" in html


def test_a_dot_can_be_taken_back_and_moved(client, ws, inputs):
    open_ballot(client, ws.amager)
    for _ in range(3):
        give(client, ws.amager, input=inputs[0].pk)
    give(client, ws.amager, input=inputs[0].pk, handling="fjern")
    give(client, ws.amager, input=inputs[1].pk)
    assert Dot.objects.get(input=inputs[0]).count == 2
    assert Dot.objects.get(input=inputs[1]).count == 1


def test_one_ballot_per_device_and_a_second_phone_gets_its_own(client, ws, inputs):
    open_ballot(client, ws.amager)
    give(client, ws.amager, input=inputs[0].pk)
    give(client, ws.amager, input=inputs[1].pk)
    other_phone = Client()
    open_ballot(other_phone, ws.amager)
    give(other_phone, ws.amager, input=inputs[0].pk)
    assert Ballot.objects.count() == 2
    assert sorted(b.dots.count() for b in Ballot.objects.all()) == [1, 2]


def test_a_tampered_device_cookie_is_not_trusted(client, ws, inputs):
    open_ballot(client, ws.amager)
    client.cookies[DEVICE_COOKIE] = "someone-elses-device:forged"
    response = give(client, ws.amager, input=inputs[0].pk)
    assert response.status_code == 302
    assert response.url == reverse("workshops:ballot", args=[ws.amager.voting_code])
    assert not Dot.objects.exists()


def test_an_input_from_another_workshop_is_refused(client, ws):
    open_ballot(client, ws.amager)
    assert give(client, ws.amager, input=ws.norrebro_input.pk).status_code == 404
    assert give(client, ws.amager, input="x").status_code == 404
    assert not Dot.objects.exists()


def test_dots_are_refused_once_the_workshop_has_ended(client, ws, inputs):
    open_ballot(client, ws.amager)
    ws.amager.date = timezone.localdate() - datetime.timedelta(days=1)
    ws.amager.save()
    response = give(client, ws.amager, input=inputs[0].pk)
    assert response.status_code == 410
    assert "Koden er udløbet" in response.content.decode()
    assert not Dot.objects.exists()


def test_get_is_not_allowed_on_the_dot_address(client, ws):
    assert client.get(reverse("workshops:dot", args=[ws.amager.voting_code])).status_code == 405


def test_an_unknown_code_in_the_address_answers_404(client, ws):
    assert client.get(reverse("workshops:ballot", args=["NOPE22"])).status_code == 404
