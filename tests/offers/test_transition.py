"""The omstilling: which offers opened and closed at a date, and what replaced what."""

import datetime

from django.urls import reverse

from offers.models import Offer
from tests import factories as f

URL = reverse("offers:transition")
DAY = datetime.date(2017, 1, 1)


def amager(response):
    (entry,) = [e for e in response.context["districts"] if e["district"].slug == "amager"]
    return entry


def test_a_leader_sees_what_opened_closed_and_replaced_what(client, world):
    new = f.OfferFactory(name="Nyt multihus", district=world.amager, opens_on=DAY)
    f.OfferFactory(
        name="Pegasus",
        district=world.amager,
        status=Offer.Status.CLOSED,
        closes_on=DAY,
        replaced_by=new,
    )
    client.force_login(world.leader)

    response = client.get(URL, {"dato": "2017-01-01"})

    entry = amager(response)
    assert [o.name for o in entry["opened"]] == ["Nyt multihus"]
    assert [o.name for o in entry["closed"]] == ["Pegasus"]
    assert {o.name for o in entry["continuing"]} == {"Nabo", "Kompasset"}
    assert (entry["before"], entry["after"]) == (3, 3)
    assert [e["district"].slug for e in response.context["districts"]] == ["amager"]
    assert "Nyt multihus" in response.content.decode()


def test_without_a_date_it_shows_the_latest_change(client, world):
    f.OfferFactory(name="Nyt multihus", district=world.amager, opens_on=DAY)
    client.force_login(world.leader)

    response = client.get(URL)

    assert response.context["day"] == DAY


def test_administration_sees_every_district(client, world):
    client.force_login(world.administration)

    response = client.get(URL, {"dato": "2017-01-01"})

    assert {e["district"].slug for e in response.context["districts"]} == {"amager", "norrebro"}


def test_a_bad_date_gets_a_danish_message(client, world):
    client.force_login(world.leader)

    assert "Datoen kunne ikke læses" in client.get(URL, {"dato": "i går"}).content.decode()


def test_staff_are_refused(client, world):
    client.force_login(world.staff)

    assert client.get(URL).status_code == 403


def test_it_is_in_the_navigation_of_leaders_and_administration_only(client, world):
    for user, shown in [(world.leader, True), (world.administration, True), (world.staff, False)]:
        client.force_login(user)
        page = client.get(reverse("offers_public:offer_list")).content.decode()
        assert (f'href="{URL}"' in page) is shown
