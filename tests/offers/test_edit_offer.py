"""Centre leaders keep their district's offers true; staff and other districts cannot."""

import datetime

from django.urls import reverse

from astnet.models import AuditEvent
from offers.models import Offer
from tests.offers.factories import TargetGroupFactory


def url(offer):
    return reverse("offers:offer_edit", args=[offer.pk])


def form_data(**changes):
    return {
        "description": "Et trygt sted.",
        "has_fixed_address": "on",
        "address": "Sundbygårdsvej 1",
        "profile": "social",
        "status": "open",
        **changes,
    }


def test_a_leader_edits_an_offer_in_their_district(client, world):
    young = TargetGroupFactory(name="Unge", slug="unge")
    client.force_login(world.leader)

    response = client.post(
        url(world.kompasset),
        form_data(address=world.kompasset.address, target_groups=[young.pk], step_free="on"),
    )

    assert response.status_code == 302
    world.kompasset.refresh_from_db()
    assert world.kompasset.profile == Offer.Profile.SOCIAL
    assert world.kompasset.step_free
    assert list(world.kompasset.target_groups.all()) == [young]
    event = AuditEvent.objects.get(object_type="offers.offer")
    assert (event.action, event.actor) == (AuditEvent.Action.CHANGE, world.leader)


def test_an_address_is_needed_unless_there_is_none(client, world):
    client.force_login(world.leader)

    response = client.post(url(world.kompasset), form_data(address=""))

    assert response.status_code == 400
    assert "Skriv adressen" in response.content.decode()
    world.kompasset.refresh_from_db()
    assert world.kompasset.profile == Offer.Profile.BOTH


def test_opening_after_the_closing_day_is_refused(client, world):
    world.kompasset.closes_on = datetime.date(2025, 1, 1)
    world.kompasset.save()
    client.force_login(world.leader)

    response = client.post(url(world.kompasset), form_data(opens_on="2026-01-01"))

    assert response.status_code == 400
    assert (
        "Åbningsdatoen skal være samme dag som eller før lukkedatoen" in response.content.decode()
    )


def test_the_edit_form_cannot_close_an_offer_without_a_date(client, world):
    """Issue 18: status is not a field any more; a closing goes through offers:offer_close."""
    client.force_login(world.leader)

    response = client.post(
        url(world.kompasset), form_data(address=world.kompasset.address, status="closed")
    )

    assert response.status_code == 302
    world.kompasset.refresh_from_db()
    assert world.kompasset.status == Offer.Status.OPEN
    assert world.kompasset.closes_on is None


def test_a_leader_of_another_district_gets_404_and_staff_403(client, world):
    client.force_login(world.leader)
    assert client.post(url(world.griffen), form_data()).status_code == 404

    client.force_login(world.staff)
    assert client.post(url(world.nabo), form_data()).status_code == 403
    world.nabo.refresh_from_db()
    assert world.nabo.profile == Offer.Profile.BOTH
