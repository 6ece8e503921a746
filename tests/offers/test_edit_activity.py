"""Staff add, change and delete their offer's activities; the public programme shows them."""

import datetime

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from offers.models import Activity
from tests.offers.factories import ActivityFactory

VALID = {
    "title": "Brætspilscafé",
    "description": "Kom og spil med.",
    "kind": "andet",
    "schedule": "weekly",
    "weekday": "1",
    "starts_on": "2026-11-01",
    "start_time": "13:00",
    "end_time": "15:00",
    "place": "at_offer",
    "price": "12,50",
    "capacity": "",
}


def create_url(offer):
    return reverse("offers:activity_create", args=[offer.pk])


def test_it_adds_a_weekly_activity_that_shows_on_the_programme(client, world):
    client.force_login(world.staff)

    response = client.post(create_url(world.nabo), {**VALID, "user_run": "on"})

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.offer, activity.weekday, activity.price_ore) == (world.nabo, 1, 1250)
    assert activity.user_run
    event = AuditEvent.objects.get(object_type="offers.activity")
    assert event.action == AuditEvent.Action.CREATE
    programme = client.get(reverse("offers_public:programme"), {"uge": "2026-W48"})
    assert "Brætspilscafé" in programme.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "12:00"}, "Sluttidspunktet skal være efter starttidspunktet."),
        ({"weekday": ""}, "Angiv ugedagen for en ugentlig aktivitet."),
        ({"starts_on": ""}, "Angiv fra hvilken dato aktiviteten holdes."),
        ({"ends_on": "2026-10-01"}, "Slutdatoen skal være samme dag som eller efter startdatoen."),
        ({"schedule": "once"}, "Angiv datoen for en aktivitet, der holdes én gang."),
        ({"price": "-5"}, "Prisen kan ikke være negativ."),
        ({"capacity": "0"}, "Antal pladser skal være mindst 1."),
        ({"title": ""}, "Dette felt er påkrævet."),
    ],
)
def test_it_refuses_invalid_input_in_danish_and_saves_nothing(client, world, changes, message):
    client.force_login(world.staff)

    response = client.post(create_url(world.nabo), {**VALID, **changes})

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Intet er gemt" in page
    assert 'value="Brætspilscafé"' in page or changes.get("title") == ""
    assert not Activity.objects.exists()


def test_a_one_off_activity_keeps_only_its_date(client, world):
    client.force_login(world.staff)

    client.post(create_url(world.nabo), {**VALID, "schedule": "once", "date": "2026-11-27"})

    activity = Activity.objects.get()
    assert (activity.date, activity.weekday, activity.starts_on) == (
        datetime.date(2026, 11, 27),
        None,
        None,
    )


def test_it_changes_an_activity(client, world):
    activity = ActivityFactory(offer=world.nabo, price_ore=2500)
    client.force_login(world.staff)
    url = reverse("offers:activity_edit", args=[activity.pk])

    form = client.get(url).content.decode()
    client.post(url, {**VALID, "title": "Nyt navn"})

    assert 'value="25' in form
    activity.refresh_from_db()
    assert activity.title == "Nyt navn"
    assert AuditEvent.objects.get(object_type="offers.activity").action == AuditEvent.Action.CHANGE


def test_it_deletes_after_confirmation(client, world):
    activity = ActivityFactory(offer=world.nabo)
    client.force_login(world.staff)
    url = reverse("offers:activity_delete", args=[activity.pk])

    assert "Ja, slet" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert not Activity.objects.exists()


def test_staff_of_another_offer_get_404(client, world):
    activity = ActivityFactory(offer=world.griffen, title="Fodbold")
    client.force_login(world.staff)

    assert client.get(create_url(world.griffen)).status_code == 404
    assert (
        client.post(reverse("offers:activity_edit", args=[activity.pk]), VALID).status_code == 404
    )
    assert client.post(reverse("offers:activity_delete", args=[activity.pk])).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Fodbold"


def test_administration_reads_but_does_not_edit(client, world):
    client.force_login(world.administration)

    assert client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).status_code == 200
    assert client.get(create_url(world.nabo)).status_code == 403


def test_the_manage_page_lists_the_offers_programme(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted")
    ActivityFactory(offer=world.griffen, title="Fodbold")
    client.force_login(world.staff)

    page = client.get(reverse("offers:programme_manage", args=[world.nabo.pk])).content.decode()
    staff_page = client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).content.decode()

    assert "Kreativt værksted" in page
    assert "Fodbold" not in page
    assert reverse("offers:programme_manage", args=[world.nabo.pk]) in staff_page
    assert (
        client.get(reverse("offers:programme_manage", args=[world.griffen.pk])).status_code == 404
    )
