"""The printable programmes are rendered once per offer/district and week, and again at once
after any edit to what they print."""

import io
from unittest import mock

import pypdf
import pytest
from django.urls import reverse

from offers import public_views, services
from offers.models import Activity, Offer
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory, OpeningHoursFactory

WEEK = {"uge": "2026-W48"}


@pytest.fixture
def renders():
    """Counts the real renderings (the PDFs are still made, so their text can be read)."""
    with mock.patch.object(public_views, "render_pdf", wraps=public_views.render_pdf) as spy:
        yield spy


def offer_pdf(client, offer, query=WEEK):
    response = client.get(reverse("offers_public:offer_pdf", args=[offer.slug]), query)
    assert response.status_code == 200
    return response


def district_pdf(client, district, query=WEEK):
    response = client.get(reverse("offers_public:district_pdf", args=[district.slug]), query)
    assert response.status_code == 200
    return response


def text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_two_requests_for_an_offers_week_render_once(client, world, renders):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted")

    first = offer_pdf(client, world.nabo)
    second = offer_pdf(client, world.nabo)

    assert renders.call_count == 1
    assert first.content == second.content
    assert second["Content-Type"] == "application/pdf"
    assert "Kreativt værksted" in text(second)


def test_another_week_or_another_offer_is_rendered_on_its_own(client, world, renders):
    offer_pdf(client, world.nabo)
    offer_pdf(client, world.nabo, {"uge": "2026-W49"})
    offer_pdf(client, world.kompasset)
    offer_pdf(client, world.nabo, {"uge": "2026-11-25"})  # a day in week 48: same PDF

    assert renders.call_count == 3


def test_a_new_activity_from_the_staff_page_shows_at_once(client, world, renders):
    offer_pdf(client, world.nabo)
    client.force_login(world.staff)
    response = client.post(
        reverse("offers:activity_create", args=[world.nabo.pk]),
        {
            "title": "Gåtur i Amager Fælled",
            "kind": "motion",
            "schedule": "weekly",
            "weekday": "1",
            "starts_on": "2026-01-01",
            "start_time": "10:00",
            "end_time": "11:00",
            "place": "out",
        },
    )
    assert response.status_code == 302
    client.logout()

    after = offer_pdf(client, world.nabo)

    assert renders.call_count == 2
    assert "Gåtur i Amager Fælled" in text(after)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda w: OpeningHoursFactory(offer=w.nabo), id="hours added"),
        pytest.param(
            lambda w: OpeningExceptionFactory(offer=w.nabo, date="2026-11-24"),
            id="exception added",
        ),
        pytest.param(lambda w: Activity.objects.filter(offer=w.nabo).get().delete(), id="deleted"),
        pytest.param(
            lambda w: Offer.objects.get(pk=w.nabo.pk).save(), id="offer saved (e.g. in admin)"
        ),
    ],
)
def test_every_kind_of_edit_renders_again(client, world, renders, edit):
    ActivityFactory(offer=world.nabo)
    offer_pdf(client, world.nabo)
    district_pdf(client, world.amager)

    edit(world)
    offer_pdf(client, world.nabo)
    district_pdf(client, world.amager)

    assert renders.call_count == 4


def test_a_cancelled_day_shows_at_once(client, world, renders):
    activity = ActivityFactory(offer=world.nabo, title="Fællesspisning")
    assert "aflyst" not in text(offer_pdf(client, world.nabo))

    exception = OpeningExceptionFactory.build(offer=world.nabo, date="2026-11-24")
    services.programme_item_save(item=exception, by=world.staff)

    assert "(aflyst)" in text(offer_pdf(client, world.nabo))
    assert activity.title in text(offer_pdf(client, world.nabo))
    assert renders.call_count == 2


def test_an_edit_elsewhere_keeps_the_cached_pdf(client, world, renders):
    offer_pdf(client, world.nabo)
    district_pdf(client, world.amager)

    ActivityFactory(offer=world.griffen)  # Nørrebro
    ActivityFactory(offer=world.kompasset)  # same district, other offer
    offer_pdf(client, world.nabo)
    district_pdf(client, world.amager)

    assert renders.call_count == 3  # only the Amager district PDF again


def test_a_district_pdf_is_rendered_once_and_again_after_an_offer_leaves(client, world, renders):
    ActivityFactory(offer=world.kompasset, title="Gåtur")
    district_pdf(client, world.amager)
    district_pdf(client, world.amager)
    assert renders.call_count == 1

    Offer.objects.filter(pk=world.kompasset.pk).update(district=world.norrebro)

    assert "Gåtur" not in text(district_pdf(client, world.amager))
    assert renders.call_count == 2


def test_saving_an_old_copy_of_the_offer_never_sets_the_version_back(world):
    stale = Offer.objects.get(pk=world.nabo.pk)
    ActivityFactory(offer=world.nabo)
    ActivityFactory(offer=world.nabo)
    version = Offer.objects.get(pk=world.nabo.pk).programme_version

    stale.save()

    assert Offer.objects.get(pk=world.nabo.pk).programme_version == version + 1


def test_asking_to_change_a_pdf_or_an_unknown_offer_caches_nothing(client, world, renders):
    url = reverse("offers_public:offer_pdf", args=["nabo"])
    assert client.post(url).status_code == 405
    assert client.get(reverse("offers_public:offer_pdf", args=["findes-ikke"])).status_code == 404
    assert (
        client.get(reverse("offers_public:district_pdf", args=["findes-ikke"])).status_code == 404
    )
    assert renders.call_count == 0
