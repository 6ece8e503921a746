"""The municipality is one record (issue 21): every page, PDF and feed takes its words from it."""

import datetime

import pytest
from django.db import IntegrityError
from django.test import RequestFactory
from django.urls import reverse

from astnet import municipality
from astnet.models import Municipality

HADERSLEV = {
    "name": "Haderslev",
    "administration": "Haderslev Kommune, Social og Sundhed",
    "committee": "Socialudvalget i Haderslev",
    "whole": "kommunen",
    "area": "område",
    "area_plural": "områder",
    "area_definite": "området",
    "area_plural_definite": "områderne",
}


@pytest.fixture
def haderslev(db):
    return Municipality.objects.update_or_create(pk=1, defaults=HADERSLEV)[0]


def test_every_page_carries_the_municipalitys_name_and_administration(client, haderslev):
    body = client.get(reverse("public_home")).content.decode()

    assert "Aktivitets- og samværstilbud i Haderslev" in body
    assert "Haderslev Kommune, Social og Sundhed" in body


def test_a_new_installation_names_no_municipality(client, db):
    body = client.get(reverse("offers_public:offer_list")).content.decode()

    assert "Aktivitets- og samværstilbud i hele kommunen" in body


def test_the_area_word_labels_the_filters(client, haderslev):
    body = client.get(reverse("offers_public:offer_list")).content.decode()

    assert "Alle områder" in body
    assert "Alle bydele" not in body


def test_the_administration_home_says_the_whole_municipality(client, world, haderslev):
    client.force_login(world.administration)
    body = client.get(reverse("home_administration")).content.decode()

    assert "Hele kommunen" in body
    assert "Tilbud pr. område" in body


def test_the_record_is_read_once_per_request(haderslev, django_assert_num_queries):
    request = RequestFactory().get("/")
    municipality.current(request)
    with django_assert_num_queries(0):
        assert municipality.current(request).name == "Haderslev"


def test_saving_the_record_shows_at_once(haderslev):
    assert municipality.current().committee == "Socialudvalget i Haderslev"
    haderslev.committee = "Sundheds- og omsorgsudvalget"
    haderslev.save()

    assert municipality.current().committee == "Sundheds- og omsorgsudvalget"


def test_there_is_one_record(haderslev):
    with pytest.raises(IntegrityError):
        Municipality.objects.create(pk=2, **HADERSLEV)


def test_the_calendar_feed_is_named_for_the_municipality(client, world, haderslev):
    response = client.get(reverse("offers_public:offer_calendar", args=[world.nabo.slug]))

    assert b"Aktivitets- og samv" in response.content
    assert b"Haderslev" in response.content


def test_the_report_is_addressed_to_the_municipalitys_committee(
    world, haderslev, monkeypatch, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    from astnet.models import Report
    from astnet.reporting import reports

    printed = []
    monkeypatch.setattr(reports, "html_to_pdf", lambda html: printed.append(html) or b"%PDF-")
    report = Report.objects.create(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 3, 31)
    )
    reports.render_report(report.pk)

    assert "Statusnotat til Socialudvalget i Haderslev" in printed[0]
    assert 'content="Haderslev Kommune, Social og Sundhed"' in printed[0]
    assert "Hele kommunen" in printed[0]


def test_a_fragment_that_names_no_municipality_does_not_read_it(client, world, monkeypatch):
    """The check-in's row (an htmx fragment) shows no municipality: the context processor's
    value is read only by templates that use it (issue 22: a cache read per fragment)."""
    from tests import factories as f

    regular = f.CitizenFactory(chosen_name="Bodil", home_offers=[world.nabo])
    reads = []
    real = municipality.current
    monkeypatch.setattr(municipality, "current", lambda request=None: reads.append(1) or real())
    client.force_login(world.staff)

    check_in = reverse("citizens:check_in", args=[world.nabo.pk, regular.pk])
    assert client.post(check_in, HTTP_HX_REQUEST="true").status_code == 200
    assert reads == []
    assert client.get(reverse("citizens:today", args=[world.nabo.pk])).status_code == 200
    assert reads
