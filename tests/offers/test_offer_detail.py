"""An offer's public page: where, when (today marked in words), this week's activities, contact."""

import datetime

from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from tests import factories as f
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory, OpeningHoursFactory


def url(offer, **query):
    return reverse("offers_public:offer_detail", args=[offer.slug])


def test_it_shows_address_contact_and_hours_without_login(client, world):
    Offer.objects.filter(pk=world.nabo.pk).update(
        address="Portugalsgade 10-12", contact_phone="33 33 33 33"
    )
    OpeningHoursFactory(offer=world.nabo, weekday=0, user_run=True)

    page = client.get(url(world.nabo)).content.decode()

    assert "Portugalsgade 10-12" in page
    assert "33 33 33 33" in page
    assert "10.00–16.00 (brugerstyret)" in page


def test_today_is_marked_in_words_not_only_by_colour(client, world):
    page = client.get(url(world.nabo)).content.decode()
    today = timezone.localdate()
    label = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"][
        today.weekday()
    ]

    assert f"<strong>{label} (i dag)</strong>" in page
    assert page.count("(i dag)") == 1


def test_a_satellite_says_it_has_no_fixed_address_and_lists_its_places(client, world):
    satellite = f.OfferFactory(
        name="Nabo satellit",
        district=world.amager,
        address="",
        has_fixed_address=False,
        places_visited="Lejerbo, Englandsvej\nFSB, Sundholmsvej",
        parent=world.nabo,
    )

    page = client.get(url(satellite)).content.decode()

    assert "Ingen fast adresse" in page
    assert "<li>FSB, Sundholmsvej</li>" in page
    assert "Nabo" in page


def test_it_lists_this_weeks_activities_and_marks_a_closed_day(client, world):
    today = timezone.localdate()
    ActivityFactory(offer=world.nabo, title="Fællesspisning", weekday=today.weekday())
    OpeningExceptionFactory(offer=world.nabo, date=today, reason="Personaledag")

    page = client.get(url(world.nabo)).content.decode()

    assert "Fællesspisning" in page
    assert "Aflyst" in page
    assert "Personaledag" in page


def test_a_closed_offer_points_to_what_replaced_it(client, world):
    old = f.OfferFactory(
        name="Pegasus", district=world.amager, status=Offer.Status.CLOSED, replaced_by=world.nabo
    )

    page = client.get(url(old)).content.decode()

    assert "Tilbuddet er lukket" in page
    assert reverse("offers_public:offer_detail", args=["nabo"]) in page


def test_an_unknown_offer_is_not_found(client, db):
    assert client.get("/tilbud/findes-ikke/").status_code == 404


def test_next_weeks_programme_can_be_chosen(client, world):
    next_monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    ActivityFactory(
        offer=world.nabo,
        title="Engangsudflugt",
        schedule="once",
        weekday=None,
        starts_on=None,
        date=next_monday,
    )

    this_week = client.get(url(world.nabo)).content.decode()
    next_week = client.get(url(world.nabo), {"uge": next_monday.isoformat()}).content.decode()

    assert "Engangsudflugt" not in this_week
    assert "Engangsudflugt" in next_week
