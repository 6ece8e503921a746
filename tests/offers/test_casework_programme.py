"""Outreach casework hours (issue 21 part 4) in the public programme, as occurrences in the week
shown labelled by partner service, and in the offer's and the area's iCalendar feeds as weekly
events read right by other parsers (vobject, recurring-ical-events)."""

import datetime
from zoneinfo import ZoneInfo

import recurring_ical_events
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from citizens.models import CaseworkHours, CaseworkPartner
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PROGRAMME = reverse("offers_public:programme")


def tuesday_hours(world, offer=None, partner="Jobcentret"):
    return CaseworkHours.objects.create(
        offer=offer or world.nabo,
        partner=CaseworkPartner.objects.get(name=partner),
        weekday=1,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )


def _week_tuesday() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=1)


def test_the_programme_shows_the_weeks_outreach_hours_by_partner(client, world):
    tuesday_hours(world)
    tuesday_hours(world, offer=world.griffen, partner="Ydelsescentret")

    body = client.get(PROGRAMME).content.decode()

    assert "Fremskudt sagsbehandling i ugen" in body
    section = body.split("Fremskudt sagsbehandling i ugen")[1]
    assert "Jobcentret" in section and "Ydelsescentret" in section
    assert "10.00–12.00" in section
    assert reverse("offers_public:offer_detail", args=["nabo"]) in section


def test_the_programme_filters_apply_to_the_outreach_hours(client, world):
    tuesday_hours(world)
    tuesday_hours(world, offer=world.griffen, partner="Ydelsescentret")

    amager = client.get(PROGRAMME, {"bydel": "amager"}).content.decode()
    assert "Jobcentret" in amager and "Ydelsescentret" not in amager
    wednesday = client.get(PROGRAMME, {"ugedag": "2"}).content.decode()
    assert "Fremskudt sagsbehandling i ugen" not in wednesday
    one_kind = client.get(PROGRAMME, {"slags": "motion"}).content.decode()
    assert "Fremskudt sagsbehandling i ugen" not in one_kind


def test_a_closed_day_marks_the_hours_cancelled(client, world):
    tuesday_hours(world)
    OpeningExceptionFactory(offer=world.nabo, date=_week_tuesday(), reason="Personaledag")

    section = client.get(PROGRAMME).content.decode().split("Fremskudt sagsbehandling i ugen")[1]

    assert "Aflyst" in section and "Personaledag" in section


def _feed(client, name="offer_calendar", slug="nabo") -> bytes:
    response = client.get(reverse(f"offers_public:{name}", args=[slug]))
    assert response.status_code == 200
    return response.content


def test_the_offer_feed_holds_the_hours_as_a_weekly_event(client, world):
    hours = tuesday_hours(world)
    ActivityFactory(offer=world.nabo, title="Kreativt værksted")

    calendar = Calendar.from_ical(_feed(client))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}

    event = events[f"casework-{hours.pk}@astnet"]
    assert str(event["summary"]) == "Jobcentret: fremskudt sagsbehandling (Nabo)"
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["TU"]
    assert any(uid.startswith("activity-") for uid in events)  # the activities are still there


def test_other_parsers_read_every_occurrence_at_ten_local_without_the_closed_day(client, world):
    tuesday_hours(world)
    start = timezone.localdate()
    closed = start + datetime.timedelta(days=(1 - start.weekday()) % 7 + 14)
    OpeningExceptionFactory(offer=world.nabo, date=closed)
    body = _feed(client)

    occurrences = recurring_ical_events.of(Calendar.from_ical(body)).between(
        start, start + datetime.timedelta(days=42)
    )
    days = [o["dtstart"].dt for o in occurrences if "casework" in str(o["uid"])]
    assert len(days) >= 4
    assert all(d.astimezone(COPENHAGEN).time() == datetime.time(10) for d in days)
    assert closed not in {d.date() for d in days}

    event = next(
        e
        for e in vobject.readComponents(body.decode()).__next__().vevent_list
        if e.uid.value.startswith("casework")
    )
    assert event.dtstart.value.astimezone(COPENHAGEN).time() == datetime.time(10)
    assert event.location.value.startswith("Nabo")


def test_the_area_feed_holds_the_hours_of_its_offers(client, world):
    nabo = tuesday_hours(world)
    griffen = tuesday_hours(world, offer=world.griffen, partner="Ydelsescentret")

    uids = {
        str(e["uid"])
        for e in Calendar.from_ical(_feed(client, "district_calendar", "amager")).walk("VEVENT")
    }

    assert f"casework-{nabo.pk}@astnet" in uids
    assert f"casework-{griffen.pk}@astnet" not in uids
