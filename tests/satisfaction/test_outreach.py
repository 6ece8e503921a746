"""Outreach casework hours (issue 21 part 4): partners as data, hours on the public offer page,
booking only with consent, counts per offer and partner, other roles refused."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent, Role
from citizens.models import CaseworkHours, CaseworkPartner, Consultation
from citizens.outreach.views import BOOKINGS_PER_PAGE
from tests import factories as f


@pytest.fixture
def hours(world):
    return CaseworkHours.objects.create(
        offer=world.nabo,
        partner=CaseworkPartner.objects.get(name="Jobcentret"),
        weekday=1,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )


def _next_tuesday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)


def test_the_three_partners_are_there_as_data(db):
    assert set(CaseworkPartner.objects.values_list("name", flat=True)) == {
        "Ydelsescentret",
        "Jobcentret",
        "Myndighed for Handicap og Psykiatri",
    }


def test_the_public_offer_page_shows_the_hours(client, hours, world):
    body = client.get(reverse("offers_public:offer_detail", args=[world.nabo.slug])).content
    assert "Jobcentret: tirsdag 10:00–12:00" in body.decode()


def _post(client, world, hours, citizen, **extra):
    data = {"hours": hours.pk, "day": _next_tuesday().isoformat(), "citizen": citizen.pk, **extra}
    return client.post(reverse("citizens:outreach_book", args=[world.nabo.pk]), data)


def test_staff_book_a_citizen_only_with_consent(client, world, hours):
    citizen = f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    client.force_login(world.staff)

    refused = _post(client, world, hours, citizen)
    assert "Borgeren skal give samtykke" in refused.content.decode()
    assert not Consultation.objects.exists()

    booked = _post(client, world, hours, citizen, consent_given="on")
    assert booked.status_code == 302
    assert Consultation.objects.get().citizen == citizen


def test_a_booking_without_consent_cannot_be_stored(world, hours):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            hours=hours, day=_next_tuesday(), citizen=citizen, consent_given=False
        )


def test_consultations_are_counted_per_offer_and_partner_with_small_numbers_hidden(
    client, world, hours
):
    few = CaseworkHours.objects.create(
        offer=world.nabo,
        partner=CaseworkPartner.objects.get(name="Ydelsescentret"),
        weekday=1,
        starts_at=datetime.time(13),
        ends_at=datetime.time(14),
    )
    for slot, times in ((hours, 6), (few, 2)):
        for _ in range(times):
            citizen = f.CitizenFactory(home_offers=[world.nabo])
            Consultation.objects.create(
                hours=slot, day=_next_tuesday(), citizen=citizen, consent_given=True
            )
    client.force_login(world.staff)

    body = client.get(reverse("citizens:outreach_index")).content.decode()

    assert "<td>Jobcentret</td><td>6</td>" in body
    assert "<td>Ydelsescentret</td><td>&lt;5</td>" in body


@pytest.mark.parametrize(
    "role",
    [
        Role.LEADER,
        Role.COUNCIL_MEMBER,
        Role.PEER_MENTOR,
        Role.ADMINISTRATION,
        Role.DATA_PROTECTION_OFFICER,
    ],
)
def test_other_roles_are_refused(client, world, role):
    client.force_login(world.persona(role))

    assert client.get(reverse("citizens:outreach_index")).status_code == 403
    assert client.get(reverse("citizens:outreach_book", args=[world.nabo.pk])).status_code == 403


def _book(world, hours, name, day=None):
    citizen = f.CitizenFactory(chosen_name=name, home_offers=[world.nabo])
    return Consultation.objects.create(
        hours=hours, day=day or _next_tuesday(), citizen=citizen, consent_given=True
    )


def test_staff_list_the_upcoming_bookings_and_the_page_is_audited(client, world, hours):
    _book(world, hours, "Alma")
    _book(world, hours, "Gammel", day=_next_tuesday() - datetime.timedelta(days=14))
    client.force_login(world.staff)

    response = client.get(reverse("citizens:outreach_bookings", args=[world.nabo.pk]))

    body = response.content.decode()
    assert "Alma" in body and "Jobcentret" in body
    assert "Gammel" not in body  # past bookings are not upcoming
    assert AuditEvent.objects.filter(
        actor=world.staff, action="view", object_type="citizens.consultation"
    ).exists()
    assert "no-store" in response["Cache-Control"]


def test_the_bookings_list_is_paginated(client, world, hours):
    for index in range(BOOKINGS_PER_PAGE + 2):
        _book(world, hours, f"Borger {index:02d}")
    client.force_login(world.staff)
    url = reverse("citizens:outreach_bookings", args=[world.nabo.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"side": 2}).content.decode()

    assert "Side 1 af 2" in first
    assert second.count("/aflys/") == 2


def test_cancelling_asks_first_then_frees_the_slot(client, world, hours):
    booking = _book(world, hours, "Alma")
    client.force_login(world.staff)
    url = reverse("citizens:outreach_cancel", args=[booking.pk])

    confirm = client.get(url)
    assert "Ja, aflys bookingen" in confirm.content.decode()
    assert Consultation.objects.filter(pk=booking.pk).exists()

    done = client.post(url)
    assert done.status_code == 302
    assert not Consultation.objects.filter(pk=booking.pk).exists()
    assert AuditEvent.objects.filter(
        actor=world.staff, action="delete", object_type="citizens.consultation"
    ).exists()
    # The slot is free: the same citizen can be booked into it again.
    rebooked = _post(client, world, hours, booking.citizen, consent_given="on")
    assert rebooked.status_code == 302


def test_staff_of_another_offer_cannot_cancel(client, world, hours):
    booking = _book(world, hours, "Alma")
    other = f.member(Role.STAFF, offer=world.griffen, username="sofie")
    client.force_login(other)

    assert client.post(reverse("citizens:outreach_cancel", args=[booking.pk])).status_code == 404
    assert Consultation.objects.filter(pk=booking.pk).exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMINISTRATION, Role.COUNCIL_MEMBER])
def test_other_roles_cannot_list_or_cancel_bookings(client, world, hours, role):
    booking = _book(world, hours, "Alma")
    client.force_login(world.persona(role))
    url = reverse("citizens:outreach_bookings", args=[world.nabo.pk])
    assert client.get(url).status_code == 403
    assert client.post(reverse("citizens:outreach_cancel", args=[booking.pk])).status_code == 403
