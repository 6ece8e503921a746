"""The public list of offers: no login, filters, pagination, and a constant number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from tests import factories as f
from tests.offers.factories import OpeningHoursFactory, TargetGroupFactory

URL = reverse("offers_public:offer_list")


def names(response) -> set[str]:
    return {offer.name for offer in response.context["page"]}


def test_it_lists_open_offers_without_login(client, world):
    f.OfferFactory(name="Lukket sted", district=world.amager, status=Offer.Status.CLOSED)

    response = client.get(URL)

    assert response.status_code == 200
    assert names(response) == {"Nabo", "Kompasset", "Griffenfeldsgade 35"}
    assert "<title>Find et tilbud" in response.content.decode()


def test_it_is_in_the_navigation_for_everyone(client, world):
    page = client.get(reverse("public_home")).content.decode()

    assert f'href="{URL}"' in page
    assert f'href="{reverse("offers_public:programme")}"' in page


def test_it_filters_by_district(client, world):
    assert names(client.get(URL, {"bydel": "norrebro"})) == {"Griffenfeldsgade 35"}


def test_it_filters_by_profile_counting_offers_with_both(client, world):
    Offer.objects.filter(pk=world.nabo.pk).update(profile=Offer.Profile.SOCIAL)
    Offer.objects.filter(pk=world.kompasset.pk).update(profile=Offer.Profile.DEVELOPMENT)
    Offer.objects.filter(pk=world.griffen.pk).update(profile=Offer.Profile.BOTH)

    assert names(client.get(URL, {"profil": "social"})) == {"Nabo", "Griffenfeldsgade 35"}


def test_it_filters_by_target_group_and_step_free_access(client, world):
    young = TargetGroupFactory(name="Unge", slug="unge")
    world.griffen.target_groups.add(young)
    world.kompasset.target_groups.add(young, TargetGroupFactory(slug="aeldre"))
    Offer.objects.filter(pk=world.kompasset.pk).update(step_free=True)

    assert names(client.get(URL, {"maalgruppe": "unge"})) == {"Griffenfeldsgade 35", "Kompasset"}
    assert names(client.get(URL, {"maalgruppe": "unge", "niveaufri": "on"})) == {"Kompasset"}


def test_it_filters_by_weekday_and_open_now(client, world):
    now = timezone.localtime()
    OpeningHoursFactory(
        offer=world.nabo,
        weekday=now.weekday(),
        opens=datetime.time(0),
        closes=datetime.time(23, 59, 59),
    )
    OpeningHoursFactory(offer=world.griffen, weekday=(now.weekday() + 1) % 7)

    assert names(client.get(URL, {"ugedag": str((now.weekday() + 1) % 7)})) == {
        "Griffenfeldsgade 35"
    }
    assert names(client.get(URL, {"aaben_nu": "on"})) == {"Nabo"}


def test_a_closed_day_overrides_the_usual_hours_for_open_now(client, world):
    from tests.offers.factories import OpeningExceptionFactory

    now = timezone.localtime()
    OpeningHoursFactory(
        offer=world.nabo,
        weekday=now.weekday(),
        opens=datetime.time(0),
        closes=datetime.time(23, 59, 59),
    )
    OpeningExceptionFactory(offer=world.nabo, date=now.date())

    assert names(client.get(URL, {"aaben_nu": "on"})) == set()


def test_a_wrong_filter_value_is_ignored_with_a_message(client, world):
    response = client.get(URL, {"bydel": "atlantis"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors["bydel"]


def test_the_next_page_link_keeps_the_filters(client, world):
    for number in range(25):
        f.OfferFactory(name=f"Sted {number:02d}", district=world.amager)

    page = client.get(URL, {"bydel": "amager"}).content.decode()

    assert "?bydel=amager&amp;side=2" in page


def _offers(world, count: int) -> None:
    young = TargetGroupFactory(slug="unge")
    for _number in range(count):
        offer = f.OfferFactory(district=world.amager)
        offer.target_groups.add(young)
        OpeningHoursFactory(offer=offer, weekday=timezone.localdate().weekday())


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"bydel": "amager", "maalgruppe": "unge"})
    assert response.status_code == 200
    return len(queries)


def test_its_query_count_does_not_grow_with_the_number_of_offers(
    client, world, django_assert_max_num_queries
):
    _offers(world, 2)
    with django_assert_max_num_queries(10):
        few = _queries(client)
    _offers(world, 18)

    assert _queries(client) == few
