"""The public programme's weeks come from the shared cache (issue 22), and a change to anything
they show is on the page at once: the programme's version moves with every change in the offers
app, whoever makes it."""

import datetime

from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citizens.models import CaseworkHours, CaseworkPartner
from offers import services
from offers.models import OpeningException
from tests.offers.conftest import TUESDAY
from tests.offers.factories import ActivityFactory

URL = reverse("offers_public:programme")
WEEK = {"uge": "2026-W48"}


def _programme(client, **params) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {**WEEK, **params})
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


def _results(page: str) -> str:
    """The week's results section (the page around it carries a nonce and a token per request)."""
    start = page.index('<section aria-labelledby="week-heading"')
    return page[start : page.index("</section>", start)]


def test_the_same_week_asked_again_reads_no_activities(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    first, _sql = _programme(client)

    again, sql = _programme(client)

    assert _results(again) == _results(first)
    assert "Kreativt værksted" in again
    assert not [q for q in sql if "offers_activity" in q or "offers_district" in q]


def test_an_activity_changed_through_the_service_shows_at_once(client, world):
    activity = ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    _programme(client)

    activity.title = "Keramik"
    services.programme_item_save(item=activity, by=world.staff)

    page, _sql = _programme(client)
    assert "Keramik" in page
    assert "Kreativt værksted" not in page


def test_a_closed_day_shows_at_once(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    page, _sql = _programme(client)
    assert "Aflyst" not in page

    services.programme_item_save(
        item=OpeningException(offer=world.nabo, date=TUESDAY, closed=True, reason="Personaledag"),
        by=world.staff,
    )

    page, _sql = _programme(client)
    assert "Aflyst" in page
    assert "Personaledag" in page


def test_a_new_activity_and_a_renamed_district_show_at_once(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    _programme(client)

    ActivityFactory(offer=world.griffen, title="Fodbold", weekday=3)
    world.amager.name = "Bydelscenter Amager"
    world.amager.save()

    page, _sql = _programme(client)
    assert "Fodbold" in page
    assert "Bydelscenter Amager" in page


def test_each_way_of_asking_is_its_own_entry(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    ActivityFactory(offer=world.griffen, title="Fodbold", weekday=3)
    everything, _sql = _programme(client)

    amager, _sql = _programme(client, bydel="amager")
    next_week, _sql = _programme(client, uge="2026-W49")

    assert "Fodbold" in everything
    assert "Fodbold" not in amager
    assert "Kreativt værksted" in amager
    assert _results(next_week) != _results(everything)


def test_the_language_and_the_host_are_part_of_the_key(client, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "program.example.org"]
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    danish, _sql = _programme(client)

    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english, _sql = _programme(client)
    other_host = client.get(URL, WEEK, HTTP_HOST="program.example.org").content.decode()

    assert _results(english) != _results(danish)
    assert "webcal://program.example.org/" in other_host
    assert "webcal://program.example.org/" not in danish


def test_the_htmx_swap_gets_the_results_without_the_filters(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    _programme(client)

    swap = client.get(URL, WEEK, HTTP_HX_REQUEST="true").content.decode()

    assert "Kreativt værksted" in swap
    assert 'id="filters-heading"' not in swap


def test_a_week_shows_only_its_page_of_activities(client, world, monday):
    for number in range(70):
        ActivityFactory(
            offer=world.nabo,
            title=f"Aktivitet {number:02d}",
            schedule="weekly",
            weekday=0,
            starts_on=monday - datetime.timedelta(days=7),
            start_time=datetime.time(8 + number // 60, number % 60),
            end_time=datetime.time(20),
        )

    first, sql = _programme(client)
    second, _sql = _programme(client, side="2")

    assert "70 aktiviteter" in first
    assert "Aktivitet 00" in first and "Aktivitet 59" in first and "Aktivitet 60" not in first
    assert "Aktivitet 60" in second and "Aktivitet 69" in second and "Aktivitet 00" not in second
    # The week's activities as bare fields, their closed days, the shown page's activities.
    assert len([q for q in sql if 'FROM "offers_activity"' in q]) == 2


def test_outreach_hours_and_their_partner_show_at_once(client, world):
    hours = CaseworkHours.objects.create(
        offer=world.nabo,
        partner=CaseworkPartner.objects.get(name="Jobcentret"),
        weekday=1,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    page, _sql = _programme(client)
    assert "10.00–12.00" in page

    hours.ends_at = datetime.time(13)
    hours.save()
    partner = hours.partner
    partner.name = "Jobcenter Nord"
    partner.save()

    page, _sql = _programme(client)
    assert "10.00–13.00" in page
    assert "Jobcenter Nord" in page
