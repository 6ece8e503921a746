"""iCalendar feeds of activities, so a citizen can subscribe to an offer's programme on a phone.

Each activity is shown as its offer will be on each day (offers/as_of.py, issue 18): a weekly
rule starts no earlier than the offer opens and stops (UNTIL) the day before it closes, and is
split where the offer moves, so every occurrence carries the address of its own day. Days the
offer is closed are EXDATEs of a weekly rule; a one-off on such a day is STATUS:CANCELLED.

The time-zone block is the conventional one (two yearly rules), not the list of transitions
icalendar writes by default: vobject and ical.js read that list wrong and put every summer-time
event an hour late.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from astnet.municipality import current
from offers.as_of import OPEN_STATUSES, address_on, status_on
from offers.models import Activity, Offer, OpeningException

_ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# A feed shows what is coming and a little of what was; older activities only make it heavier.
HISTORY = datetime.timedelta(days=90)
# How often a subscribed calendar should fetch the feed again (also the HTTP max-age).
REFRESH = datetime.timedelta(hours=6)
ONE_DAY = datetime.timedelta(days=1)


def feed_since(today: datetime.date | None = None) -> datetime.date:
    """The first day a feed covers (local date)."""
    return (today or timezone.localdate()) - HISTORY


def feed_activities(activities):
    """The activities worth a place in a feed: weekly ones still running, one-offs not long past."""
    since = feed_since()
    return activities.exclude(schedule=Activity.Schedule.ONCE, date__lt=since).exclude(
        ends_on__lt=since
    )


def copenhagen_vtimezone() -> Timezone:
    """Europe/Copenhagen as a conventional VTIMEZONE: summer time from the last Sunday of March
    at 02.00 to the last Sunday of October at 03.00 (the EU rule, directive 2000/84/EC), with the
    offsets and names read from the zone database. tests/offers/test_calendar_parsers.py checks
    it against every transition of the zone database."""
    zone = ZoneInfo("Europe/Copenhagen")
    winter = datetime.datetime(2026, 1, 15, 12, tzinfo=zone)
    summer = datetime.datetime(2026, 7, 15, 12, tzinfo=zone)
    block = Timezone()
    block.add("tzid", "Europe/Copenhagen")
    daylight = TimezoneDaylight()
    daylight.add("tzname", summer.tzname())
    daylight.add("tzoffsetfrom", winter.utcoffset())
    daylight.add("tzoffsetto", summer.utcoffset())
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    standard = TimezoneStandard()
    standard.add("tzname", winter.tzname())
    standard.add("tzoffsetfrom", summer.utcoffset())
    standard.add("tzoffsetto", winter.utcoffset())
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    block.add_component(daylight)
    block.add_component(standard)
    return block


@dataclass(frozen=True)
class _Span:
    """Days from `first` to `last` (both included; `last` None: open-ended) at one address."""

    first: datetime.date
    last: datetime.date | None
    address: str


def _spans(offer: Offer, first: datetime.date, last: datetime.date | None) -> list[_Span]:
    """The period cut where the offer moves, each part with the address of its days."""
    cuts = sorted(
        {
            move.changed_on
            for move in offer.address_changes.all()
            if first < move.changed_on and (last is None or move.changed_on <= last)
        }
    )
    starts = [first, *cuts]
    ends = [cut - ONE_DAY for cut in cuts] + [last]
    return [_Span(s, e, address_on(offer, s)) for s, e in zip(starts, ends, strict=True)]


def _weekly_bounds(activity: Activity) -> tuple[datetime.date, datetime.date | None] | None:
    """The first and last day a weekly activity is held, inside the offer's open days."""
    offer = activity.offer
    first = activity.starts_on
    if offer.opens_on is not None and offer.opens_on > first:
        first = offer.opens_on
    first += datetime.timedelta(days=(activity.weekday - first.weekday()) % 7)
    last = activity.ends_on
    if offer.closes_on is not None and (last is None or offer.closes_on <= last):
        last = offer.closes_on - ONE_DAY
    if last is not None and first > last:
        return None
    return first, last


def calendar_bytes(
    *,
    name: str,
    activities: Iterable[Activity],
    closed_days: Iterable[OpeningException],
    stamp: datetime.datetime,
    casework: Iterable = (),
    since: datetime.date | None = None,
) -> bytes:
    """The feed as bytes. `activities` need their offer with its `address_changes` prefetched;
    `closed_days` are the closed exceptions of those offers (and of the casework's offers);
    `stamp` (aware) is the DTSTAMP, kept steady between requests so the feed's ETag is too.
    `casework` are partners' weekly outreach hours (offers.selectors.public_casework_hours, issue
    21), written as weekly events from `since` (default: feed_since()) like weekly activities."""
    zone = ZoneInfo(settings.TIME_ZONE)
    closed: dict[int, dict[datetime.date, str]] = {}
    for exception in closed_days:
        closed.setdefault(exception.offer_id, {})[exception.date] = exception.reason
    calendar = Calendar()
    calendar.add("prodid", f"-//astnet//Aktivitets- og samværstilbud i {current().name}//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    calendar.add_component(copenhagen_vtimezone())
    for activity in activities:
        offer_closed = closed.get(activity.offer_id, {})
        if activity.schedule == Activity.Schedule.ONCE:
            day = activity.date
            event = _event(activity, f"activity-{activity.pk}@astnet", stamp, zone, day)
            event.add("location", _location(activity, address_on(activity.offer, day)))
            if day in offer_closed or status_on(activity.offer, day) not in OPEN_STATUSES:
                event.add("status", "CANCELLED")
            calendar.add_component(event)
            continue
        bounds = _weekly_bounds(activity)
        if bounds is None:
            continue
        for index, span in enumerate(_spans(activity.offer, *bounds)):
            first = span.first + datetime.timedelta(
                days=(activity.weekday - span.first.weekday()) % 7
            )
            if span.last is not None and first > span.last:
                continue
            uid = f"activity-{activity.pk}@astnet"
            if index:
                uid = f"activity-{activity.pk}-{span.first:%Y%m%d}@astnet"
            event = _event(activity, uid, stamp, zone, first)
            event.add("location", _location(activity, span.address))
            _repeat_weekly(
                event,
                weekday=activity.weekday,
                first=first,
                last=span.last,
                times=(activity.start_time, activity.end_time),
                zone=zone,
                skipped=[day for day in sorted(offer_closed) if activity.occurs_on(day)],
            )
            calendar.add_component(event)
    for hours in casework:
        for event in _casework_events(
            hours, closed.get(hours.offer_id, {}), stamp, zone, since or feed_since()
        ):
            calendar.add_component(event)
    return calendar.to_ical()


def _repeat_weekly(
    event: Event,
    *,
    weekday: int,
    first: datetime.date,
    last: datetime.date | None,
    times: tuple[datetime.time, datetime.time],
    zone: ZoneInfo,
    skipped: list[datetime.date],
) -> None:
    """Make `event` repeat every week on `weekday` (0 = Monday) from `first` until the end of
    `last` (local `zone`; UNTIL in UTC as RFC 5545 asks when DTSTART has a zone; open-ended if
    None), leaving out the `skipped` days within that span as EXDATEs at the start time."""
    starts_at, ends_at = times
    rule = vRecur(freq="WEEKLY", byday=_ICAL_DAYS[weekday])
    if last is not None:
        until = datetime.datetime.combine(last, ends_at, zone)
        rule["until"] = until.astimezone(datetime.UTC)
    event.add("rrule", rule)
    excluded = [
        datetime.datetime.combine(day, starts_at, zone)
        for day in skipped
        if first <= day and (last is None or day <= last)
    ]
    if excluded:
        event.add("exdate", excluded)


def _casework_events(
    hours, offer_closed: dict, stamp: datetime.datetime, zone: ZoneInfo, since: datetime.date
) -> list[Event]:
    """A partner's weekly hours at an offer as weekly events (UID casework-<id>@astnet, split
    where the offer moves like an activity's), from `since` or the day the offer opens, until the
    day before it closes; the offer's closed days are EXDATEs."""
    offer = hours.offer
    first = since
    if offer.opens_on is not None and offer.opens_on > first:
        first = offer.opens_on
    first += datetime.timedelta(days=(hours.weekday - first.weekday()) % 7)
    last = offer.closes_on - ONE_DAY if offer.closes_on is not None else None
    if last is not None and first > last:
        return []
    events = []
    for index, span in enumerate(_spans(offer, first, last)):
        day = span.first + datetime.timedelta(days=(hours.weekday - span.first.weekday()) % 7)
        if span.last is not None and day > span.last:
            continue
        uid = f"casework-{hours.pk}@astnet"
        if index:
            uid = f"casework-{hours.pk}-{span.first:%Y%m%d}@astnet"
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add(
            "summary",
            _("%(partner)s: fremskudt sagsbehandling (%(offer)s)")
            % {"partner": hours.partner.name, "offer": offer.name},
        )
        event.add("categories", [_("Fremskudt sagsbehandling")])
        event.add("dtstart", datetime.datetime.combine(day, hours.starts_at, zone))
        event.add("dtend", datetime.datetime.combine(day, hours.ends_at, zone))
        event.add("location", f"{offer.name}, {span.address}" if span.address else offer.name)
        _repeat_weekly(
            event,
            weekday=hours.weekday,
            first=day,
            last=span.last,
            times=(hours.starts_at, hours.ends_at),
            zone=zone,
            skipped=[
                closed for closed in sorted(offer_closed) if closed.weekday() == hours.weekday
            ],
        )
        events.append(event)
    return events


def _event(
    activity: Activity, uid: str, stamp: datetime.datetime, zone: ZoneInfo, day: datetime.date
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", f"{activity.title} ({activity.offer.name})")
    if activity.description:
        event.add("description", activity.description)
    event.add("categories", [activity.get_kind_display()])
    event.add("dtstart", datetime.datetime.combine(day, activity.start_time, zone))
    event.add("dtend", datetime.datetime.combine(day, activity.end_time, zone))
    return event


def _location(activity: Activity, address: str) -> str:
    """Where to go: the meeting place of an outing, else the offer and its address that day."""
    offer = activity.offer
    if activity.place == Activity.Place.OUT and activity.place_note:
        return activity.place_note
    if address:
        return f"{offer.name}, {address}"
    return offer.name
