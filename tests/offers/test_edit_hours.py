"""Staff keep their offer's opening hours and closed days true; others cannot touch them."""

import datetime

from django.urls import reverse

from astnet.models import AuditEvent
from offers.models import OpeningException, OpeningHours
from tests.offers.factories import OpeningHoursFactory


def create_url(offer):
    return reverse("offers:hours_create", args=[offer.pk])


def test_it_adds_opening_hours_and_audits(client, world):
    client.force_login(world.staff)

    response = client.post(
        create_url(world.nabo),
        {"weekday": "5", "opens": "11:00", "closes": "15:00", "user_run": "on"},
    )

    assert response.status_code == 302
    hours = OpeningHours.objects.get(offer=world.nabo)
    assert (hours.weekday, hours.user_run) == (5, True)
    event = AuditEvent.objects.get(object_type="offers.openinghours")
    assert (event.actor, event.action) == (world.staff, AuditEvent.Action.CREATE)


def test_it_refuses_an_end_before_the_start_and_saves_nothing(client, world):
    client.force_login(world.staff)

    response = client.post(
        create_url(world.nabo), {"weekday": "0", "opens": "16:00", "closes": "10:00"}
    )

    assert response.status_code == 400
    assert "Sluttidspunktet skal være efter starttidspunktet." in response.content.decode()
    assert not OpeningHours.objects.exists()
    assert not AuditEvent.objects.filter(object_type__startswith="offers.").exists()


def test_it_refuses_overlapping_periods_on_the_same_day(client, world):
    OpeningHoursFactory(offer=world.nabo, weekday=0)
    client.force_login(world.staff)

    response = client.post(
        create_url(world.nabo), {"weekday": "0", "opens": "15:00", "closes": "18:00"}
    )

    assert response.status_code == 400
    assert "overlapper mandag 10.00–16.00" in response.content.decode()
    assert OpeningHours.objects.count() == 1


def test_it_changes_hours(client, world):
    hours = OpeningHoursFactory(offer=world.nabo, weekday=0)
    client.force_login(world.staff)

    client.post(
        reverse("offers:hours_edit", args=[hours.pk]),
        {"weekday": "0", "opens": "09:00", "closes": "16:00"},
    )

    hours.refresh_from_db()
    assert hours.opens == datetime.time(9)
    assert (
        AuditEvent.objects.get(object_type__startswith="offers.").action == AuditEvent.Action.CHANGE
    )


def test_it_deletes_only_after_confirmation(client, world):
    hours = OpeningHoursFactory(offer=world.nabo)
    client.force_login(world.staff)
    url = reverse("offers:hours_delete", args=[hours.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ja, slet" in confirm.content.decode()
    assert OpeningHours.objects.exists()

    client.post(url)
    assert not OpeningHours.objects.exists()
    assert (
        AuditEvent.objects.get(object_type__startswith="offers.").action == AuditEvent.Action.DELETE
    )


def test_staff_of_another_offer_get_404(client, world):
    hours = OpeningHoursFactory(offer=world.griffen)
    client.force_login(world.staff)

    assert client.get(create_url(world.griffen)).status_code == 404
    assert client.get(reverse("offers:hours_edit", args=[hours.pk])).status_code == 404
    assert client.post(reverse("offers:hours_delete", args=[hours.pk])).status_code == 404
    assert OpeningHours.objects.exists()


def test_the_districts_leader_may_edit_but_others_may_not(client, world):
    client.force_login(world.leader)
    assert client.get(create_url(world.kompasset)).status_code == 200
    assert client.get(create_url(world.griffen)).status_code == 404

    client.force_login(world.council_member)
    assert client.get(create_url(world.nabo)).status_code == 403

    client.logout()
    assert client.get(create_url(world.nabo)).status_code == 302


def test_it_adds_a_closed_day(client, world):
    client.force_login(world.staff)

    client.post(
        reverse("offers:exception_create", args=[world.nabo.pk]),
        {"date": "2026-12-24", "closed": "on", "reason": "Juleaften"},
    )

    exception = OpeningException.objects.get()
    assert (exception.date, exception.closed) == (datetime.date(2026, 12, 24), True)


def test_special_hours_need_both_times(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("offers:exception_create", args=[world.nabo.pk]),
        {"date": "2026-12-23", "opens": "10:00", "reason": "Kort dag"},
    )

    assert response.status_code == 400
    assert "Angiv hvornår tilbuddet lukker" in response.content.decode()
    assert not OpeningException.objects.exists()
