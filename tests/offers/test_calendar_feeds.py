"""Issue 18, point 2: calendar feeds every phone reads right — checked with parsers other than
the library that writes them (vobject, recurring-ical-events), across both daylight-saving
changes; cancellations; HTTP caching; subscribe links; refused empty weekly periods."""

import datetime
from zoneinfo import ZoneInfo

import recurring_ical_events
import vobject
from django.urls import reverse
from icalendar import Calendar

from offers.calendar import copenhagen_vtimezone
from tests.offers.factories import ActivityFactory, OpeningExceptionFactory

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC
# A Tuesday activity at 13.00 through spring and autumn 2027: summer time begins on Sunday
# 28 March and ends on Sunday 31 October.
STARTS = datetime.date(2027, 3, 2)
ENDS = datetime.date(2027, 11, 30)


def feed(client, slug="nabo") -> bytes:
    response = client.get(reverse("offers_public:offer_calendar", args=[slug]))
    assert response.status_code == 200
    return response.content


def tuesdays_at_one(world):
    return ActivityFactory(
        offer=world.nabo,
        title="Kreativt værksted",
        weekday=1,
        starts_on=STARTS,
        ends_on=ENDS,
        start_time=datetime.time(13),
        end_time=datetime.time(15),
    )


def test_vobject_reads_summer_and_winter_times_right(client, world):
    tuesdays_at_one(world)

    event = vobject.readOne(feed(client).decode()).vevent
    occurrences = list(event.getrruleset(addRDate=True))

    by_day = {o.date(): o.astimezone(UTC).time() for o in occurrences}
    assert by_day[datetime.date(2027, 3, 23)] == datetime.time(12)  # winter: UTC+1
    assert by_day[datetime.date(2027, 3, 30)] == datetime.time(11)  # summer: UTC+2
    assert by_day[datetime.date(2027, 10, 26)] == datetime.time(11)
    assert by_day[datetime.date(2027, 11, 2)] == datetime.time(12)
    assert event.dtstart.value.utcoffset() == datetime.timedelta(hours=1)


def test_recurring_ical_events_keeps_every_occurrence_at_one_oclock_local(client, world):
    tuesdays_at_one(world)

    calendar = Calendar.from_ical(feed(client))
    events = recurring_ical_events.of(calendar).between(STARTS, ENDS + datetime.timedelta(days=1))

    starts = [event.decoded("dtstart") for event in events]
    assert len(starts) == 40
    assert {start.astimezone(COPENHAGEN).time() for start in starts} == {datetime.time(13)}
    utc_hours = {start.date(): start.astimezone(UTC).hour for start in starts}
    assert utc_hours[datetime.date(2027, 3, 23)] == 12
    assert utc_hours[datetime.date(2027, 3, 30)] == 11
    assert utc_hours[datetime.date(2027, 11, 2)] == 12


def test_the_time_zone_block_is_conventional_and_matches_the_zone_database():
    block = copenhagen_vtimezone()
    text = block.to_ical().decode()

    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    assert "RDATE" not in text
    zone = block.to_tz()
    for year in range(2020, 2038):
        for month, day_hour in ((1, 12), (4, 12), (7, 12), (10, 12), (12, 12)):
            moment = datetime.datetime(year, month, 15, day_hour)
            assert (
                moment.replace(tzinfo=zone).utcoffset()
                == moment.replace(tzinfo=COPENHAGEN).utcoffset()
            ), moment


def test_a_closed_day_is_an_exdate_of_the_weekly_rule(client, world):
    activity = tuesdays_at_one(world)
    activity.starts_on, activity.ends_on = datetime.date(2026, 1, 6), None
    activity.save()
    closed_tuesday = datetime.date(2027, 4, 6)
    OpeningExceptionFactory(offer=world.nabo, date=closed_tuesday, reason="Påske")

    calendar = Calendar.from_ical(feed(client))
    events = recurring_ical_events.of(calendar).between(
        datetime.date(2027, 3, 30), datetime.date(2027, 4, 14)
    )

    assert [e.decoded("dtstart").date() for e in events] == [
        datetime.date(2027, 3, 30),
        datetime.date(2027, 4, 13),
    ]


def test_a_one_off_on_a_closed_day_is_cancelled(client, world):
    day = datetime.date(2027, 4, 6)
    ActivityFactory(
        offer=world.nabo, title="Udflugt", schedule="once", weekday=None, starts_on=None, date=day
    )
    OpeningExceptionFactory(offer=world.nabo, date=day, reason="Personaledag")

    (event,) = Calendar.from_ical(feed(client)).walk("VEVENT")

    assert str(event["status"]) == "CANCELLED"
    page = client.get(
        reverse("offers_public:offer_detail", args=["nabo"]), {"uge": "2027-W14"}
    ).content.decode()
    assert "Aflyst" in page


def test_a_weekly_activity_without_its_weekday_in_the_period_is_refused_in_danish(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("offers:activity_create", args=[world.nabo.pk]),
        {
            "title": "Tirsdagscafé",
            "kind": "andet",
            "schedule": "weekly",
            "weekday": "1",
            "starts_on": "2027-04-07",  # a Wednesday
            "ends_on": "2027-04-11",  # the Sunday after
            "start_time": "13:00",
            "end_time": "15:00",
            "place": "at_offer",
        },
    )

    assert response.status_code == 400
    assert "har ingen tirsdag" in response.content.decode()
    assert not world.nabo.activities.exists()


def test_head_answers_like_get_with_etag_and_cache_control(client, world):
    tuesdays_at_one(world)
    url = reverse("offers_public:offer_calendar", args=["nabo"])

    got = client.get(url)
    head = client.head(url)
    again = client.get(url, headers={"If-None-Match": got["ETag"]})

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
    assert head["Content-Type"] == got["Content-Type"]
    assert "public" in got["Cache-Control"] and "max-age=3600" in got["Cache-Control"]
    assert again.status_code == 304


def test_the_feed_changes_its_etag_when_the_programme_changes(client, world):
    activity = tuesdays_at_one(world)
    url = reverse("offers_public:offer_calendar", args=["nabo"])
    before = client.get(url)["ETag"]

    activity.title = "Maleværksted"
    activity.save()

    assert client.get(url)["ETag"] != before


def test_every_public_page_answers_head(client, world):
    for url in (
        reverse("offers_public:offer_list"),
        reverse("offers_public:offer_detail", args=["nabo"]),
        reverse("offers_public:programme"),
        reverse("offers_public:offer_pdf", args=["nabo"]),
        reverse("offers_public:district_calendar", args=["amager"]),
    ):
        assert client.head(url).status_code == 200, url


def test_subscribe_links_are_webcal_beside_the_download(client, world):
    offer_page = client.get(reverse("offers_public:offer_detail", args=["nabo"])).content.decode()
    programme = client.get(reverse("offers_public:programme"), {"bydel": "amager"}).content.decode()

    assert 'href="webcal://testserver/tilbud/nabo/kalender.ics"' in offer_page
    assert 'href="/tilbud/nabo/kalender.ics" download' in offer_page
    assert 'href="webcal://testserver/program/bydel/amager/kalender.ics"' in programme
