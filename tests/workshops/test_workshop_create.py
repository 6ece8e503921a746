"""Leaders set up a workshop for their district: themes, programme, dots per participant."""

import datetime

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from tests.workshops.factories import ProcessFactory, ThemeFactory
from workshops.models import Workshop

URL = reverse("workshops:create")


def data(world, ws, **changes):
    return {
        "process": ws.process.pk,
        "district": world.amager.pk,
        "title": "Workshop 2",
        "date": "2015-10-01",
        "start_time": "09:00",
        "end_time": "12:00",
        "place": "Nabo",
        "purpose": "At komme et spadestik dybere.",
        "dots_per_participant": 5,
        "themes": [ws.opening_hours.pk, ws.peer.pk],
        "programme_text": "09:00 Præsentationsrunde i grupperne\nPause\nkl. 11.45 Tak for i dag",
    } | changes


def test_it_creates_a_workshop_with_themes_and_programme(client, world, ws):
    client.force_login(world.leader)
    response = client.post(URL, data(world, ws))
    workshop = Workshop.objects.get(title="Workshop 2", district=world.amager)
    assert response.status_code == 302
    assert response.url == reverse("workshops:detail", args=[workshop.pk])
    assert set(workshop.themes.all()) == {ws.opening_hours, ws.peer}
    programme = [(item.time, item.text) for item in workshop.programme.all()]
    assert programme == [
        (datetime.time(9, 0), "Præsentationsrunde i grupperne"),
        (None, "Pause"),
        (datetime.time(11, 45), "Tak for i dag"),
    ]
    assert len(workshop.voting_code) == 6
    assert AuditEvent.objects.filter(
        actor=world.leader, action="create", object_id=str(workshop.pk)
    ).exists()


def test_each_workshop_gets_its_own_voting_code(client, world, ws):
    assert ws.amager.voting_code != ws.norrebro.voting_code


def test_a_leader_cannot_create_one_for_another_district(client, world, ws):
    client.force_login(world.leader)
    response = client.post(URL, data(world, ws, district=world.norrebro.pk))
    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert not Workshop.objects.filter(title="Workshop 2").exists()


def test_themes_from_another_process_are_refused(client, world, ws):
    other = ThemeFactory(process=ProcessFactory(name="En anden proces"))
    client.force_login(world.leader)
    response = client.post(URL, data(world, ws, themes=[other.pk]))
    assert "Vælg kun temaer fra den valgte proces." in response.content.decode()
    assert not Workshop.objects.filter(title="Workshop 2").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "08:00"}, "Sluttidspunktet skal ligge efter starttidspunktet."),
        ({"dots_per_participant": 0}, "større end eller lig 1"),
        ({"dots_per_participant": 51}, "mindre end eller lig 50"),
        ({"programme_text": "25:00 Velkomst"}, "tidspunktet findes ikke"),
        ({"title": ""}, "Dette felt er påkrævet."),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_saved(client, world, ws, changes, message):
    client.force_login(world.leader)
    response = client.post(URL, data(world, ws, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Workshop.objects.filter(title="Workshop 2").exists()


def test_a_second_workshop_with_the_same_title_is_refused(client, world, ws):
    client.force_login(world.leader)
    response = client.post(URL, data(world, ws, title="Workshop 1"))
    assert response.status_code == 200
    assert Workshop.objects.filter(district=world.amager).count() == 1


@pytest.mark.parametrize("role", ["staff", "council_member", "peer_mentor", "administration"])
def test_only_leaders_create_workshops(client, world, role):
    client.force_login(getattr(world, role))
    assert client.get(URL).status_code == 403


def test_it_asks_anonymous_users_to_log_in(client, db):
    assert "/login/" in client.get(URL).url
