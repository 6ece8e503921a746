"""The city's weekly programme: chosen week, filters, cancelled days, constant query count."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.models import Activity
from tests import factories as f
from tests.offers.conftest import MONDAY, TUESDAY
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory

URL = reverse("offers_public:programme")


def titles(response) -> list[str]:
    return [occurrence.activity.title for occurrence in response.context["page"]]


def test_it_shows_the_chosen_iso_week_without_login(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    ActivityFactory(offer=world.griffen, title="Fodbold", weekday=3, kind=Activity.Kind.EXERCISE)

    response = client.get(URL, {"uge": "2026-W48"})

    assert response.status_code == 200
    assert [(o.day, o.activity.title) for o in response.context["page"]] == [
        (TUESDAY, "Kreativt værksted"),
        (MONDAY + datetime.timedelta(days=3), "Fodbold"),
    ]
    assert "Aktivitetsprogram uge 48" in response.content.decode()


def test_a_date_chooses_its_week(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)

    response = client.get(URL, {"uge": "2026-11-27"})

    assert response.context["monday"] == MONDAY
    assert titles(response) == ["Kreativt værksted"]


def test_an_unreadable_week_shows_a_danish_error_and_this_week(client, world):
    response = client.get(URL, {"uge": "uge 48"})

    assert response.status_code == 200
    assert "Ugen kunne ikke læses" in response.content.decode()


def test_it_filters_by_district_kind_and_weekday(client, world):
    ActivityFactory(offer=world.nabo, title="Værksted på Amager", weekday=1)
    ActivityFactory(offer=world.nabo, title="Gåtur på Amager", weekday=2, kind="motion")
    ActivityFactory(offer=world.griffen, title="Værksted på Nørrebro", weekday=1)

    assert titles(client.get(URL, {"uge": "2026-W48", "bydel": "amager"})) == [
        "Værksted på Amager",
        "Gåtur på Amager",
    ]
    assert titles(client.get(URL, {"uge": "2026-W48", "slags": "motion"})) == ["Gåtur på Amager"]
    assert titles(client.get(URL, {"uge": "2026-W48", "ugedag": "1", "bydel": "amager"})) == [
        "Værksted på Amager"
    ]


def test_a_one_off_activity_shows_only_in_its_week(client, world):
    ActivityFactory(
        offer=world.nabo,
        title="Udflugt til Dyrehaven",
        schedule="once",
        weekday=None,
        starts_on=None,
        date=MONDAY + datetime.timedelta(days=4),
    )

    assert titles(client.get(URL, {"uge": "2026-W48"})) == ["Udflugt til Dyrehaven"]
    assert titles(client.get(URL, {"uge": "2026-W49"})) == []


def test_an_activity_on_a_closed_day_is_marked_cancelled(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    OpeningExceptionFactory(offer=world.nabo, date=TUESDAY, reason="Juleklip-dag")

    response = client.get(URL, {"uge": "2026-W48"})

    assert response.context["page"][0].cancelled
    assert "Juleklip-dag" in response.content.decode()


def test_a_chosen_district_offers_its_pdf_and_calendar(client, world):
    page = client.get(URL, {"uge": "2026-W48", "bydel": "amager"}).content.decode()

    assert reverse("offers_public:district_pdf", args=["amager"]) + "?uge=2026-W48" in page
    assert reverse("offers_public:district_calendar", args=["amager"]) in page


def _activities(world, count: int) -> None:
    for _number in range(count):
        offer = f.OfferFactory(district=world.amager)
        ActivityFactory(offer=offer, weekday=1)
        OpeningExceptionFactory(offer=offer, date=MONDAY, reason="Lukket")


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"uge": "2026-W48", "bydel": "amager"})
    assert response.status_code == 200
    return len(queries)


def test_its_query_count_does_not_grow_with_the_number_of_activities(
    client, world, django_assert_max_num_queries
):
    _activities(world, 2)
    # One more than before issue 21: the partners' outreach hours of the week.
    with django_assert_max_num_queries(9):
        few = _queries(client)
    _activities(world, 18)

    assert _queries(client) == few


def test_htmx_gets_only_the_results_and_the_new_heading(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)

    response = client.get(URL, {"uge": "2026-W49"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert "Kreativt værksted" in page
    assert '<div id="programme-intro" hx-swap-oob="true">' in page
    assert "<title>Aktivitetsprogram uge 49" in page
    assert "<header" not in page
