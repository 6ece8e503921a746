"""Issue 18: slugs and file names keep Danish letters readable, old links redirect."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from astnet.slugs import slugify
from offers.models import District, OldSlug
from tests import factories as f
from tests.offers.factories import ActivityFactory, TargetGroupFactory

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


def _admin_rename(admin_client, model, obj, **data) -> None:
    url = reverse(f"admin:offers_{model}_change", args=[obj.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_track_s_slug_follows_its_new_name_and_old_filter_links_redirect(admin_client, world):
    track = f.TrackFactory(name="Kunst og kreativitet", slug="kunst-og-kreativitet")
    offer = f.OfferFactory(district=world.amager, track=track)

    _admin_rename(
        admin_client,
        "track",
        track,
        name="Kunst og håndværk",
        slug="kunst-og-kreativitet",
        description="",
        lead_district=track.lead_district.pk,
    )

    track.refresh_from_db()
    assert track.slug == "kunst-og-haandvaerk"
    response = Client().get("/tilbud/?spor=kunst-og-kreativitet&side=1")
    assert response.status_code == 301
    assert response["Location"] == "/tilbud/?spor=kunst-og-haandvaerk&side=1"
    assert offer.name in Client().get(response["Location"]).content.decode()


def test_a_target_group_s_old_slug_redirects_in_the_programme(admin_client, db):
    group = TargetGroupFactory(name="Unge", slug="unge")

    _admin_rename(admin_client, "targetgroup", group, name="Unge voksne", slug="unge")

    group.refresh_from_db()
    assert group.slug == "unge-voksne"
    response = Client().get("/program/?maalgruppe=unge&uge=2026-W48")
    assert response.status_code == 301
    assert response["Location"] == "/program/?maalgruppe=unge-voksne&uge=2026-W48"
    assert Client().get(response["Location"]).status_code == 200


def test_old_slugs_of_several_filters_are_all_followed_at_once(client, db):
    district = f.DistrictFactory(name="Center Østerbro", slug="center-oesterbro")
    track = f.TrackFactory(slug="motion")
    group = TargetGroupFactory(slug="aeldre")
    OldSlug.objects.create(district=district, slug="center-sterbro")
    OldSlug.objects.create(track=track, slug="idraet")
    OldSlug.objects.create(target_group=group, slug="ldre")

    response = client.get("/program/?bydel=center-sterbro&spor=idraet&maalgruppe=ldre")

    assert response.status_code == 301
    assert response["Location"] == "/program/?bydel=center-oesterbro&spor=motion&maalgruppe=aeldre"


def test_a_hand_chosen_slug_stays_when_the_name_changes(admin_client, db):
    group = TargetGroupFactory(name="Unge", slug="de-unge")

    _admin_rename(admin_client, "targetgroup", group, name="Unge voksne", slug="de-unge")

    group.refresh_from_db()
    assert group.slug == "de-unge"
    assert not OldSlug.objects.exists()


def test_a_new_name_whose_slug_is_taken_keeps_the_old_slug(admin_client, db):
    TargetGroupFactory(name="Noget andet", slug="unge-voksne")
    group = TargetGroupFactory(name="Unge", slug="unge")

    _admin_rename(admin_client, "targetgroup", group, name="Unge voksne", slug="unge")

    group.refresh_from_db()
    assert group.slug == "unge"


def test_named_back_the_old_slug_is_current_again(admin_client, db):
    group = TargetGroupFactory(name="Unge", slug="unge")
    _admin_rename(admin_client, "targetgroup", group, name="Unge voksne", slug="unge")
    _admin_rename(admin_client, "targetgroup", group, name="Unge", slug="unge-voksne")

    group.refresh_from_db()
    assert group.slug == "unge"
    assert list(group.old_slugs.values_list("slug", flat=True)) == ["unge-voksne"]
    assert Client().get("/tilbud/?maalgruppe=unge").status_code == 200


def test_an_unknown_filter_slug_is_not_redirected(client, db):
    response = client.get("/tilbud/?spor=findes-ikke")

    assert response.status_code == 200


def test_an_old_slug_names_exactly_one_thing(db):
    track = f.TrackFactory()
    group = TargetGroupFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OldSlug.objects.create(track=track, target_group=group, slug="begge")
    with pytest.raises(IntegrityError), transaction.atomic():
        OldSlug.objects.create(slug="ingen")
    OldSlug.objects.create(track=track, slug="samme")
    with pytest.raises(IntegrityError), transaction.atomic():
        OldSlug.objects.create(track=f.TrackFactory(), slug="samme")
    assert OldSlug.objects.count() == 1
