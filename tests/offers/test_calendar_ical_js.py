"""Issue 18: the offer's and the programme's calendar feeds read the same in ical.js (the parser
of Mozilla Thunderbird and many web calendars, run by node) as in vobject: every occurrence at the
same instant, closed days left out (EXDATE), cancelled one-offs cancelled, across both
daylight-saving changes of the feed's own VTIMEZONE."""

import datetime
import json
import os
import shutil
import subprocess  # nosec B404 - runs node on a script in the repository
from pathlib import Path

import pytest
import vobject
from django.urls import reverse

from tests.offers.factories import ActivityFactory, OpeningExceptionFactory

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "offers" / "ical_occurrences.mjs"
UTC = datetime.UTC
# The window compared: spring to winter 2027, with summer time from 28 March to 31 October.
FIRST = datetime.datetime(2027, 3, 1, tzinfo=UTC)
LAST = datetime.datetime(2028, 1, 1, tzinfo=UTC)


@pytest.fixture
def node() -> str:
    path = shutil.which("node")
    if path is None or not (ROOT / "node_modules" / "ical.js").is_dir():
        if os.environ.get("ASTNET_REQUIRE_SERVICES") == "1":
            pytest.fail("node or the npm package ical.js is missing (npm ci)")
        pytest.skip("node or the npm package ical.js is missing")
    return path


@pytest.fixture
def programme(world):
    """A week's programme of Center Amager: a weekly activity through both clock changes with a
    closed Tuesday, a one-off on a closed day, one that goes ahead, and a second offer's weekly
    activity without an end."""
    ActivityFactory(
        offer=world.nabo,
        title="Kreativt værksted",
        weekday=1,
        starts_on=datetime.date(2027, 3, 2),
        ends_on=datetime.date(2027, 11, 30),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
    )
    OpeningExceptionFactory(offer=world.nabo, date=datetime.date(2027, 4, 6), reason="Påske")
    for day in (datetime.date(2027, 4, 6), datetime.date(2027, 6, 17)):
        ActivityFactory(
            offer=world.nabo,
            title=f"Udflugt {day:%d.%m.}",
            schedule="once",
            weekday=None,
            starts_on=None,
            date=day,
            start_time=datetime.time(9, 30),
            end_time=datetime.time(16),
        )
    ActivityFactory(
        offer=world.kompasset,
        title="Morgenmad",
        weekday=3,
        starts_on=datetime.date(2027, 10, 7),
        ends_on=None,
        start_time=datetime.time(8),
        end_time=datetime.time(10),
    )


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def occurrences_by_vobject(body: bytes) -> list[dict]:
    calendar = vobject.readOne(body.decode())
    found = []
    for event in calendar.vevent_list:
        length = event.dtend.value - event.dtstart.value
        status = event.status.value if hasattr(event, "status") else "CONFIRMED"
        if hasattr(event, "rrule"):
            starts = event.getrruleset(addRDate=True).between(FIRST, LAST, inc=True)
        else:
            starts = [event.dtstart.value]
        found += [
            {
                "uid": event.uid.value,
                "start": _stamp(start),
                "end": _stamp(start + length),
                "status": status,
            }
            for start in starts
            if FIRST <= start < LAST
        ]
    return sorted(found, key=lambda item: (item["start"], item["uid"]))


def occurrences_by_ical_js(node: str, body: bytes, tmp_path: Path) -> list[dict]:
    feed = tmp_path / "feed.ics"
    feed.write_bytes(body)
    result = subprocess.run(  # nosec B603 - a fixed argument list, no shell
        [node, str(SCRIPT), str(feed), f"{FIRST:%Y-%m-%d}", f"{LAST:%Y-%m-%d}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    return sorted(json.loads(result.stdout), key=lambda item: (item["start"], item["uid"]))


@pytest.mark.parametrize(
    ("view", "slug"),
    [("offers_public:offer_calendar", "nabo"), ("offers_public:district_calendar", "amager")],
    ids=["offer", "programme"],
)
def test_ical_js_expands_the_feed_as_vobject_does(client, node, programme, tmp_path, view, slug):
    body = client.get(reverse(view, args=[slug])).content
    assert b"RRULE" in body and b"EXDATE" in body and b"BEGIN:VTIMEZONE" in body

    by_ical_js = occurrences_by_ical_js(node, body, tmp_path)

    assert by_ical_js == occurrences_by_vobject(body)
    assert len(by_ical_js) >= 40
    starts = {item["start"][:10]: item["start"] for item in by_ical_js}
    assert starts["2027-03-23"] == "2027-03-23T12:00:00.000Z"  # winter: UTC+1
    assert starts["2027-03-30"] == "2027-03-30T11:00:00.000Z"  # summer: UTC+2
    assert starts["2027-11-02"] == "2027-11-02T12:00:00.000Z"
    # On the closed Tuesday only the outing is left, cancelled; the weekly one is an EXDATE.
    closed_day = [item for item in by_ical_js if item["start"].startswith("2027-04-06")]
    assert [(item["start"], item["status"]) for item in closed_day] == [
        ("2027-04-06T07:30:00.000Z", "CANCELLED")
    ]
    assert [item["status"] for item in by_ical_js if item["start"].startswith("2027-06-17")] == [
        "CONFIRMED"
    ]
    if slug == "amager":
        assert {"2027-10-07T06:00:00.000Z", "2027-11-04T07:00:00.000Z"} <= {
            item["start"] for item in by_ical_js
        }
