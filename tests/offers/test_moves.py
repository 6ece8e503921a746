"""A leader records a move with the day it takes effect; the omstilling shows it as "flyttet"
(not as a closing) per district, for a day or a period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from astnet.models import AuditEvent
from offers import services
from offers.models import Offer, OfferAddressChange
from tests import factories as f

TRANSITION = reverse("offers:transition")
MOVE_DAY = datetime.date(2017, 3, 1)


def edit_url(offer):
    return reverse("offers:offer_edit", args=[offer.pk])


def form_data(offer, **changes):
    return {
        "description": "Et trygt sted.",
        "has_fixed_address": "on",
        "address": offer.address,
        "profile": "social",
        "status": "open",
        **changes,
    }


def district_entry(response, slug):
    (entry,) = [e for e in response.context["districts"] if e["district"].slug == slug]
    return entry


def move(offer, day=MOVE_DAY, old="Gammelvej 1", new="Nyvej 2"):
    return OfferAddressChange.objects.create(
        offer=offer, changed_on=day, old_address=old, new_address=new
    )


# --- recording a move -------------------------------------------------------------------------


def test_the_edit_form_asks_for_the_moving_day(client, world):
    client.force_login(world.leader)

    page = client.get(edit_url(world.kompasset)).content.decode()

    assert 'name="moved_on"' in page
    assert "Flyttedato" in page


def test_a_new_address_with_a_moving_day_records_the_move(client, world):
    old_address = world.kompasset.address
    client.force_login(world.leader)

    response = client.post(
        edit_url(world.kompasset),
        form_data(world.kompasset, address="Sundholmsvej 8", moved_on="2017-03-01"),
    )

    assert response.status_code == 302
    world.kompasset.refresh_from_db()
    assert world.kompasset.address == "Sundholmsvej 8"
    change = OfferAddressChange.objects.get()
    assert (change.offer, change.changed_on) == (world.kompasset, MOVE_DAY)
    assert (change.old_address, change.new_address) == (old_address, "Sundholmsvej 8")
    assert change.recorded_by == world.leader
    event = AuditEvent.objects.get(object_type="offers.offeraddresschange")
    assert (event.action, event.actor) == (AuditEvent.Action.CREATE, world.leader)


def test_giving_up_the_fixed_address_is_a_move_to_no_fixed_address(client, world):
    client.force_login(world.leader)

    response = client.post(
        edit_url(world.kompasset),
        {**form_data(world.kompasset, moved_on="2017-03-01"), "has_fixed_address": ""},
    )

    assert response.status_code == 302
    assert OfferAddressChange.objects.get().new_address == ""


def test_an_unchanged_address_records_no_move(client, world):
    client.force_login(world.leader)

    response = client.post(edit_url(world.kompasset), form_data(world.kompasset))

    assert response.status_code == 302
    assert not OfferAddressChange.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"address": "Sundholmsvej 8"}, "angiv den dag tilbuddet flytter"),
        ({"moved_on": "2017-03-01"}, "Udfyld kun flyttedatoen, når adressen ændres"),
        ({"address": "Sundholmsvej 8", "moved_on": "1. marts"}, "Indtast en gyldig dato"),
        (
            {"address": "Sundholmsvej 8", "moved_on": "2016-12-31", "opens_on": "2017-01-01"},
            "Tilbuddet kan ikke flytte, før det åbner",
        ),
        (
            {"address": "Sundholmsvej 8", "moved_on": "2017-03-01", "closes_on": "2017-02-01"},
            "Tilbuddet kan ikke flytte, efter det er lukket",
        ),
    ],
)
def test_a_wrong_moving_day_is_refused_in_danish_and_nothing_is_saved(
    client, world, changes, message
):
    old_address = world.kompasset.address
    if "closes_on" in changes:
        # A closing day is set by closing the offer (offers:offer_close), not by this form.
        changes = dict(changes)
        world.kompasset.closes_on = datetime.date.fromisoformat(changes.pop("closes_on"))
        world.kompasset.save()
    client.force_login(world.leader)

    response = client.post(edit_url(world.kompasset), form_data(world.kompasset, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    world.kompasset.refresh_from_db()
    assert world.kompasset.address == old_address
    assert world.kompasset.profile == Offer.Profile.BOTH
    assert not OfferAddressChange.objects.exists()
    assert not AuditEvent.objects.filter(object_type__startswith="offers.").exists()


def test_the_service_itself_refuses_a_new_address_without_a_moving_day(world):
    offer = Offer.objects.get(pk=world.kompasset.pk)
    old_address = offer.address
    offer.address = "Sundholmsvej 8"

    with pytest.raises(ValidationError):
        services.offer_update(offer=offer, target_groups=[], by=world.leader)

    world.kompasset.refresh_from_db()
    assert world.kompasset.address == old_address
    assert not OfferAddressChange.objects.exists()


def test_the_database_refuses_a_move_to_the_same_address(world):
    with pytest.raises(ValidationError):
        OfferAddressChange(
            offer=world.nabo, changed_on=MOVE_DAY, old_address="A 1", new_address="A 1"
        ).full_clean()


def test_staff_and_other_districts_cannot_record_a_move(client, world):
    client.force_login(world.staff)
    data = form_data(world.nabo, address="Ny adresse 1", moved_on="2017-03-01")
    assert client.post(edit_url(world.nabo), data).status_code == 403

    client.force_login(world.leader)
    data = form_data(world.griffen, address="Ny adresse 1", moved_on="2017-03-01")
    assert client.post(edit_url(world.griffen), data).status_code == 404

    assert not OfferAddressChange.objects.exists()
    world.griffen.refresh_from_db()
    assert world.griffen.address != "Ny adresse 1"


# --- the omstilling ---------------------------------------------------------------------------


def test_the_omstilling_shows_a_move_not_a_closing(client, world):
    move(world.kompasset, old="Gammelvej 1", new="Sundholmsvej 8")
    client.force_login(world.leader)

    response = client.get(TRANSITION, {"dato": "2017-03-01"})

    entry = district_entry(response, "amager")
    assert [m.offer for m in entry["moved"]] == [world.kompasset]
    assert entry["closed"] == []
    assert [o.name for o in entry["continuing"]] == ["Nabo"]
    assert (entry["before"], entry["after"]) == (2, 2)
    page = response.content.decode()
    assert "Flyttet 1. mar. 2017: fra Gammelvej 1 til Sundholmsvej 8" in page
    assert "1 flytning." in page


def test_a_period_shows_the_moves_inside_it_and_not_outside(client, world):
    move(world.kompasset, day=datetime.date(2017, 2, 15))
    move(world.nabo, day=datetime.date(2017, 3, 20), old="", new="Portugalsgade 10")
    move(world.nabo, day=datetime.date(2017, 5, 1), old="Portugalsgade 10", new="Amagerbrogade 1")
    client.force_login(world.leader)

    response = client.get(TRANSITION, {"dato": "2017-02-01", "til": "2017-03-31"})

    entry = district_entry(response, "amager")
    assert [(m.offer.name, m.changed_on.month) for m in entry["moved"]] == [
        ("Kompasset", 2),
        ("Nabo", 3),
    ]
    assert response.context["until"] == datetime.date(2017, 3, 31)
    assert "fra ingen fast adresse til Portugalsgade 10" in response.content.decode()
    assert "Amagerbrogade 1" not in response.content.decode()


def test_a_single_day_misses_a_move_the_day_after(client, world):
    move(world.kompasset, day=datetime.date(2017, 3, 2))
    client.force_login(world.leader)

    entry = district_entry(client.get(TRANSITION, {"dato": "2017-03-01"}), "amager")

    assert entry["moved"] == []
    assert {o.name for o in entry["continuing"]} == {"Nabo", "Kompasset"}


def test_a_leader_sees_only_their_districts_moves_and_administration_all(client, world):
    move(world.kompasset)
    move(world.griffen, new="Nørrebrogade 1")
    client.force_login(world.leader)

    response = client.get(TRANSITION, {"dato": "2017-03-01"})

    assert [e["district"].slug for e in response.context["districts"]] == ["amager"]
    assert "Nørrebrogade 1" not in response.content.decode()

    client.force_login(world.administration)
    response = client.get(TRANSITION, {"dato": "2017-03-01"})
    assert [m.offer for m in district_entry(response, "norrebro")["moved"]] == [world.griffen]


def test_staff_cannot_see_the_omstilling(client, world):
    move(world.nabo)
    client.force_login(world.staff)

    assert client.get(TRANSITION, {"dato": "2017-03-01"}).status_code == 403


def test_without_a_date_the_latest_move_is_shown(client, world):
    move(world.kompasset)
    client.force_login(world.leader)

    response = client.get(TRANSITION)

    assert response.context["day"] == MOVE_DAY
    assert "Flyttet 1. mar. 2017" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"dato": "2017-03-01", "til": "2017-02-01"}, "Til-datoen skal være samme dag"),
        ({"dato": "2017-03-01", "til": "sidst i marts"}, "Til-datoen kunne ikke læses"),
    ],
)
def test_a_wrong_period_gets_a_danish_message_and_shows_the_single_day(
    client, world, query, message
):
    move(world.kompasset)
    client.force_login(world.leader)

    response = client.get(TRANSITION, query)

    assert message in response.content.decode()
    assert response.context["until"] is None
    assert [m.offer for m in district_entry(response, "amager")["moved"]] == [world.kompasset]


def test_the_omstilling_query_count_does_not_grow_with_moves(client, world):
    client.force_login(world.leader)
    query = {"dato": "2017-01-01", "til": "2017-12-31"}
    move(world.kompasset)
    client.get(TRANSITION, query)  # warm the session and membership caches
    with CaptureQueriesContext(connection) as one:
        client.get(TRANSITION, query)
    for month in range(4, 9):
        move(f.OfferFactory(district=world.amager), day=datetime.date(2017, month, 1))

    with CaptureQueriesContext(connection) as many:
        response = client.get(TRANSITION, query)

    assert len(district_entry(response, "amager")["moved"]) == 6
    assert len(many) == len(one)


def test_the_admin_shows_an_offers_moves_read_only(client, world):
    world.administration.is_staff = world.administration.is_superuser = True
    world.administration.save()
    move(world.nabo, new="Portugalsgade 10")
    client.force_login(world.administration)

    page = client.get(reverse("admin:offers_offer_change", args=[world.nabo.pk])).content.decode()

    assert "Portugalsgade 10" in page
    assert 'name="address_changes-0-new_address"' not in page
