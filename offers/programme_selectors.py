"""Reads for the public programme page (issue 22): one page of a week's occurrences with only
that page's activities loaded, and the version every cached week of the page is stored under."""

import datetime
import uuid
from types import SimpleNamespace

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from offers.as_of import OPEN_STATUSES, status_on
from offers.models import Activity
from offers.selectors import Occurrence, activities_in_period, closed_days

# Occurrences on one page of the public programme.
PROGRAMME_PAGE_SIZE = 60

# The fields a week's occurrences are found and ordered by: an activity's schedule and its offer's
# dates (`status_on`), without loading the activities the page will not show.
_BARE_FIELDS = {
    "schedule": "schedule",
    "date": "date",
    "weekday": "weekday",
    "starts_on": "starts_on",
    "ends_on": "ends_on",
    "start_time": "start_time",
    "offer_id": "offer_id",
    "offer_name": "offer__name",
    "status": "offer__status",
    "opens_on": "offer__opens_on",
    "closes_on": "offer__closes_on",
}


def week_programme_page(activities: QuerySet[Activity], monday: datetime.date, number) -> Page:
    """One page (`number`, as the visitor asked; a bad one gives the nearest) of the week's
    occurrences, as `week_programme` finds and orders them, with only that page's activities
    loaded (issue 22: a week of the city has hundreds, a page shows sixty). Three queries: the
    week's activities as bare fields, the closed days of their offers, the page's activities with
    their offers, districts and tracks."""
    sunday = monday + datetime.timedelta(days=6)
    rows = [
        SimpleNamespace(
            pk=row.pop("pk"), **{name: row[field] for name, field in _BARE_FIELDS.items()}
        )
        for row in activities_in_period(activities, monday, sunday)
        .prefetch_related(None)
        .values("pk", *_BARE_FIELDS.values())
    ]
    closed = closed_days({row.offer_id for row in rows}, monday, sunday)
    found = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        for row in rows:
            occurs = Activity.occurs(
                day,
                schedule=row.schedule,
                date=row.date,
                weekday=row.weekday,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
            )
            if occurs and status_on(row, day) in OPEN_STATUSES:
                found.append((day, row.start_time, row.offer_name, row.pk))
    found.sort(key=lambda item: item[:3])
    page = Paginator(found, PROGRAMME_PAGE_SIZE).get_page(number)
    shown = activities.prefetch_related(None).in_bulk({item[3] for item in page.object_list})
    page.object_list = [
        Occurrence(day, shown[pk], closed.get((shown[pk].offer_id, day)))
        for day, _start, _name, pk in page.object_list
    ]
    return page


# The public programme page's version (a random token in the shared cache): every cached week of
# the page is stored under it, and offers/signals.py draws a new one when anything the page prints
# changes. A token, not a counter: if the cache loses it, a new one is as good as a bump.
PROGRAMME_PAGE_VERSION_KEY = "offers:programme-page:version"


def new_programme_page_version() -> str:
    """Draws and stores a new version: every week of the page cached so far is stale."""
    version = uuid.uuid4().hex
    cache.set(PROGRAMME_PAGE_VERSION_KEY, version, None)
    return version


def programme_page_version() -> str:
    """The version the programme page's cached weeks are stored under now."""
    return cache.get(PROGRAMME_PAGE_VERSION_KEY) or new_programme_page_version()
