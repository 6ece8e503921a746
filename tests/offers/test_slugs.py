"""Issue 18: slugs and file names keep Danish letters readable, old links redirect."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from astnet.slugs import slugify
from offers.models import District, OldSlug
from tests import factories as f
from tests.offers.factories import ActivityFactory

danish_slugs = importlib.import_module("offers.migrations.0005_danish_slugs")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hørsholmsgade 20", "hoersholmsgade-20"),
        ("Æblehaven på Amager", "aeblehaven-paa-amager"),
        ("ÅBEN CAFÉ", "aaben-cafe"),
        ("Center Nørrebro", "center-noerrebro"),
    ],
)
def test_the_slug_function_spells_out_danish_letters(name, slug):
    assert slugify(name) == slug


def test_the_migration_remakes_lost_slugs_and_keeps_the_old_for_redirects(client, world):
    offer = f.OfferFactory(name="Hørsholmsgade 20", slug="hrsholmsgade-20", district=world.amager)
    chosen = f.OfferFactory(name="Bådhuset", slug="baaden", district=world.amager)
    osterbro = f.DistrictFactory(name="Center Østerbro", slug="center-sterbro")

    danish_slugs.forwards(apps, None)

    offer.refresh_from_db()
    chosen.refresh_from_db()
    osterbro.refresh_from_db()
    assert offer.slug == "hoersholmsgade-20"
    assert chosen.slug == "baaden"
    assert osterbro.slug == "center-oesterbro"
    assert set(OldSlug.objects.values_list("slug", flat=True)) == {
        "hrsholmsgade-20",
        "center-sterbro",
    }


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/tilbud/hrsholmsgade-20/?uge=2026-W48", "/tilbud/hoersholmsgade-20/?uge=2026-W48"),
        ("/tilbud/hrsholmsgade-20/program.pdf", "/tilbud/hoersholmsgade-20/program.pdf"),
        ("/tilbud/hrsholmsgade-20/kalender.ics", "/tilbud/hoersholmsgade-20/kalender.ics"),
        (
            "/program/bydel/center-sterbro/program.pdf",
            "/program/bydel/center-oesterbro/program.pdf",
        ),
        (
            "/program/bydel/center-sterbro/kalender.ics",
            "/program/bydel/center-oesterbro/kalender.ics",
        ),
    ],
)
def test_old_links_redirect_permanently(client, db, old, new):
    district = f.DistrictFactory(name="Center Østerbro", slug="center-oesterbro")
    offer = f.OfferFactory(name="Hørsholmsgade 20", slug="hoersholmsgade-20", district=district)
    OldSlug.objects.create(offer=offer, slug="hrsholmsgade-20")
    OldSlug.objects.create(district=district, slug="center-sterbro")

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_an_unknown_slug_is_still_not_found(client, db):
    assert client.get("/tilbud/findes-ikke/").status_code == 404


def test_the_feed_file_name_keeps_danish_letters_readable(client, world):
    offer = f.OfferFactory(name="Hørsholmsgade 20", slug="hoersholmsgade-20", district=world.amager)
    ActivityFactory(offer=offer)

    response = client.get(reverse("offers_public:offer_calendar", args=[offer.slug]))

    assert 'filename="hoersholmsgade-20.ics"' in response["Content-Disposition"]


def test_the_admin_makes_slugs_with_the_one_function_and_keeps_old_ones(admin_client, world):
    response = admin_client.post(
        reverse("admin:offers_district_add"), {"name": "Center Østerbro", "slug": ""}
    )
    assert response.status_code == 302
    district = District.objects.get(name="Center Østerbro")
    assert district.slug == "center-oesterbro"

    response = admin_client.post(
        reverse("admin:offers_district_change", args=[district.pk]),
        {"name": "Center Østerbro", "slug": "oesterbro"},
    )
    assert response.status_code == 302
    assert redirect_of("/program/bydel/center-oesterbro/program.pdf") == (
        "/program/bydel/oesterbro/program.pdf"
    )


def redirect_of(path: str) -> str:
    return Client().get(path)["Location"]
