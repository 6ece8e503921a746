"""iCalendar feeds of activities, so a citizen can subscribe to an offer's programme on a phone."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from astnet.municipality import current
from offers.models import Activity, OpeningException

_ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# A feed shows what is coming and a little of what was; older activities only make it heavier.
HISTORY = datetime.timedelta(days=90)


def _first_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def feed_activities(activities):
    """The activities worth a place in a feed: weekly ones still running, one-offs not long past."""
    since = timezone.localdate() - HISTORY
    return activities.exclude(schedule=Activity.Schedule.ONCE, date__lt=since).exclude(
        ends_on__lt=since
    )


def calendar_bytes(
    *, name: str, activities: Iterable[Activity], closed_days: Iterable[OpeningException]
) -> bytes:
    """One VEVENT per activity; weekly ones as an RRULE, minus the days their offer is closed."""
    zone = ZoneInfo(settings.TIME_ZONE)
    closed: dict[int, list[datetime.date]] = {}
    for exception in closed_days:
        closed.setdefault(exception.offer_id, []).append(exception.date)
    calendar = Calendar()
    calendar.add("prodid", f"-//astnet//Aktivitets- og samværstilbud i {current().name}//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for activity in activities:
        event = Event()
        event.add("uid", f"activity-{activity.pk}@astnet")
        event.add("dtstamp", stamp)
        event.add("summary", f"{activity.title} ({activity.offer.name})")
        if activity.description:
            event.add("description", activity.description)
        event.add("location", _location(activity))
        event.add("categories", [activity.get_kind_display()])
        if activity.schedule == Activity.Schedule.ONCE:
            first = activity.date
        else:
            first = _first_on_or_after(activity.starts_on, activity.weekday)
        event.add("dtstart", datetime.datetime.combine(first, activity.start_time, zone))
        event.add("dtend", datetime.datetime.combine(first, activity.end_time, zone))
        if activity.schedule == Activity.Schedule.WEEKLY:
            rule = vRecur(freq="WEEKLY", byday=_ICAL_DAYS[activity.weekday])
            if activity.ends_on:
                last = datetime.datetime.combine(activity.ends_on, activity.end_time, zone)
                rule["until"] = last.astimezone(datetime.UTC)
            event.add("rrule", rule)
            skipped = [
                datetime.datetime.combine(day, activity.start_time, zone)
                for day in closed.get(activity.offer_id, [])
                if activity.occurs_on(day)
            ]
            if skipped:
                event.add("exdate", skipped)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _location(activity: Activity) -> str:
    offer = activity.offer
    if activity.place == Activity.Place.OUT and activity.place_note:
        return activity.place_note
    if offer.has_fixed_address and offer.address:
        return f"{offer.name}, {offer.address}"
    return offer.name
