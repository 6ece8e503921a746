"""The printable programme (one A4 page) and the calendar feeds a phone can subscribe to."""

import datetime
import io

import pypdf
from django.urls import reverse
from icalendar import Calendar

from tests.offers.conftest import TUESDAY
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory, OpeningHoursFactory


def pdf_text(response) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_an_offers_programme_is_a_one_page_pdf_with_its_name(client, world):
    OpeningHoursFactory(offer=world.nabo)
    ActivityFactory(offer=world.nabo, title="Kreativt værksted")

    response = client.get(reverse("offers_public:offer_pdf", args=["nabo"]), {"uge": "2026-W48"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response)
    assert pages == 1
    assert "Nabo" in text
    assert "Kreativt værksted" in text
    assert "uge 48" in text


def test_a_districts_programme_names_each_offer(client, world):
    ActivityFactory(offer=world.nabo, title="Fællesspisning")
    ActivityFactory(offer=world.kompasset, title="Gåtur")
    ActivityFactory(offer=world.griffen, title="Fodbold")

    response = client.get(reverse("offers_public:district_pdf", args=["amager"]))

    pages, text = pdf_text(response)
    assert pages == 1
    assert "Center Amager" in text
    assert "Nabo" in text and "Kompasset" in text
    assert "Fodbold" not in text


def test_an_offers_calendar_parses_and_repeats_weekly_activities(client, world):
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    OpeningExceptionFactory(
        offer=world.nabo,
        date=datetime.date.today()
        + datetime.timedelta(days=(1 - datetime.date.today().weekday()) % 7),
    )

    response = client.get(reverse("offers_public:offer_calendar", args=["nabo"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Kreativt værksted (Nabo)"
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert event["rrule"]["BYDAY"] == ["TU"]
    assert event.decoded("dtstart").weekday() == 1
    assert event.get("exdate") is not None


def test_a_one_off_activity_has_no_repeat_rule(client, world):
    ActivityFactory(
        offer=world.nabo,
        title="Udflugt",
        schedule="once",
        weekday=None,
        starts_on=None,
        date=TUESDAY,
    )

    calendar = Calendar.from_ical(
        client.get(reverse("offers_public:offer_calendar", args=["nabo"])).content
    )

    (event,) = calendar.walk("VEVENT")
    assert "rrule" not in event
    assert event.decoded("dtstart").date() == TUESDAY


def test_a_districts_calendar_holds_only_its_offers(client, world):
    ActivityFactory(offer=world.nabo, title="Fællesspisning")
    ActivityFactory(offer=world.griffen, title="Fodbold")

    calendar = Calendar.from_ical(
        client.get(reverse("offers_public:district_calendar", args=["amager"])).content
    )

    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Fællesspisning (Nabo)"]


def test_an_unknown_district_is_not_found(client, db):
    assert client.get("/program/bydel/atlantis/kalender.ics").status_code == 404
    assert client.get("/program/bydel/atlantis/program.pdf").status_code == 404
