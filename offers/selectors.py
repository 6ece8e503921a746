"""Reads for the offers' pages: the public lists (no login, not scoped) and the staff's scoped views.

Every function answers in a fixed number of queries, whatever the number of offers or activities,
so the public programme stays fast when the whole city is on it.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from astnet import access
from astnet.row_urls import row_url
from offers.models import (
    Activity,
    District,
    Offer,
    OfferAddressChange,
    OpeningException,
    OpeningHours,
)

PUBLIC_STATUSES = [Offer.Status.OPEN, Offer.Status.CLOSING]
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


def week_start(value: str | None, *, today: datetime.date | None = None) -> datetime.date | None:
    """The Monday of the week named by `value`: an ISO week ("2026-W48") or any date in it
    ("2026-11-24"). Empty means this week; None means the value could not be read."""
    today = today or timezone.localdate()
    value = (value or "").strip()
    if not value:
        return today - datetime.timedelta(days=today.weekday())
    match = _ISO_WEEK.match(value)
    try:
        if match:
            return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day - datetime.timedelta(days=day.weekday())


def iso_week(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def open_at_condition(moment: datetime.datetime) -> Q:
    """Offers open at `moment`: usual hours that day with no exception, or special hours covering it."""
    day, time = moment.date(), moment.time()
    usual = Exists(
        OpeningHours.objects.filter(
            offer=OuterRef("pk"), weekday=day.weekday(), opens__lte=time, closes__gt=time
        )
    )
    exception = Exists(OpeningException.objects.filter(offer=OuterRef("pk"), date=day))
    special = Exists(
        OpeningException.objects.filter(
            offer=OuterRef("pk"), date=day, closed=False, opens__lte=time, closes__gt=time
        )
    )
    return (usual & ~exception) | special


def public_offers() -> QuerySet[Offer]:
    """Offers a citizen can go to, with today's hours, for the public list."""
    today = timezone.localdate()
    return (
        Offer.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("district", "track")
        .prefetch_related(
            "target_groups",
            Prefetch(
                "opening_hours",
                queryset=OpeningHours.objects.filter(weekday=today.weekday()),
                to_attr="today_hours",
            ),
        )
        .order_by("name")
    )


def public_offer_get(*, slug: str) -> Offer:
    """One offer's public page: any status, so an old link says it closed and what replaced it."""
    try:
        return (
            Offer.objects.select_related("district", "track", "parent", "replaced_by")
            .prefetch_related("target_groups", "opening_hours", "satellites")
            .get(slug=slug)
        )
    except Offer.DoesNotExist as error:
        raise Http404 from error


def public_district_get(*, slug: str) -> District:
    try:
        return District.objects.get(slug=slug)
    except District.DoesNotExist as error:
        raise Http404 from error


def district_programme_version(district: District) -> str:
    """Changes whenever anything on the district's printed programme changes: an offer's own
    version moves on every edit (offers/signals.py), and an offer joining or leaving the district
    changes the list itself."""
    versions = Offer.objects.filter(district=district).order_by("pk")
    state = f"{district.name}|{list(versions.values_list('pk', 'programme_version'))}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def upcoming_exceptions(*, offer: Offer, days: int = 60) -> QuerySet[OpeningException]:
    today = timezone.localdate()
    return offer.exceptions.filter(date__gte=today, date__lte=today + datetime.timedelta(days=days))


def public_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(offer__status__in=PUBLIC_STATUSES).select_related(
        "offer", "offer__district", "offer__track", "track"
    )


def activities_in_period(
    activities: QuerySet[Activity], first: datetime.date, last: datetime.date
) -> QuerySet[Activity]:
    return activities.filter(
        Q(schedule=Activity.Schedule.ONCE, date__gte=first, date__lte=last)
        | (
            Q(schedule=Activity.Schedule.WEEKLY, starts_on__lte=last)
            & (Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        )
    )


@dataclass(frozen=True)
class Occurrence:
    """One activity on one day of the programme."""

    day: datetime.date
    activity: Activity
    cancelled_reason: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_reason is not None


def week_programme(activities: QuerySet[Activity], monday: datetime.date) -> list[Occurrence]:
    """The week's occurrences, in order; those on a day the offer is closed are marked cancelled.
    Two queries: the activities of the week and the closed days of their offers."""
    sunday = monday + datetime.timedelta(days=6)
    rows = list(activities_in_period(activities, monday, sunday))
    closed = _closed_days({row.offer_id for row in rows}, monday, sunday)
    occurrences = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        for activity in rows:
            if activity.occurs_on(day):
                reason = closed.get((activity.offer_id, day))
                occurrences.append(Occurrence(day, activity, reason))
    occurrences.sort(key=lambda o: (o.day, o.activity.start_time, o.activity.offer.name))
    return occurrences


_SCHEDULE = ("schedule", "date", "weekday", "starts_on", "ends_on")


def week_programme_page(
    activities: QuerySet[Activity], monday: datetime.date, *, number, per_page: int
) -> Page:
    """One page of the week's occurrences (as `week_programme`), with only that page's
    activities loaded whole (issue 22: every activity of the city was loaded to show sixty). Three
    queries: the week's activities as bare schedule fields, their offers' closed days, and the
    page's activities. The page's offers carry their links (`with_offer_links`)."""
    sunday = monday + datetime.timedelta(days=6)
    rows = list(
        activities_in_period(activities, monday, sunday).values(
            "pk", "offer_id", "start_time", "offer__name", *_SCHEDULE
        )
    )
    closed = _closed_days({row["offer_id"] for row in rows}, monday, sunday)
    slots = sorted(
        (day, row["start_time"], row["offer__name"], row["pk"], closed.get((row["offer_id"], day)))
        for day in week_days(monday)
        for row in rows
        if Activity.occurs(day, **{field: row[field] for field in _SCHEDULE})
    )
    page = Paginator(slots, per_page).get_page(number)
    wanted = {slot[3] for slot in page.object_list}
    loaded = {activity.pk: activity for activity in activities.filter(pk__in=wanted)}
    page.object_list = with_offer_links(
        [Occurrence(day, loaded[pk], reason) for day, _time, _name, pk, reason in page.object_list]
    )
    return page


def _closed_days(offer_ids, first: datetime.date, last: datetime.date) -> dict:
    """(offer id, date) → the reason, for the days between `first` and `last` an offer is closed."""
    return {
        (exception.offer_id, exception.date): exception.reason
        for exception in OpeningException.objects.filter(
            offer__in=offer_ids, date__gte=first, date__lte=last, closed=True
        )
    }


def with_offer_links(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Gives each occurrence's offer its public page and calendar links, from one reverse each
    instead of two per occurrence in the template (issue 22). Returns the same list."""
    detail = row_url("offers_public:offer_detail")
    calendar = row_url("offers_public:offer_calendar")
    for occurrence in occurrences:
        offer = occurrence.activity.offer
        offer.detail_url = detail(offer.slug)
        offer.calendar_url = calendar(offer.slug)
    return occurrences


def week_days(monday: datetime.date) -> list[datetime.date]:
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


# --- for the people who work at the offers ----------------------------------------------------


def offer_for_editing(*, user, pk: int) -> Offer:
    """An offer whose hours and activities the user may change; 404 otherwise."""
    return access.get_in_scope(
        user, Offer.objects.select_related("district", "track"), "change", pk=pk
    )


def transition(*, user, day: datetime.date, until: datetime.date | None = None) -> list[dict]:
    """The omstilling per district: offers open the day before `day` and on `until` (the same day
    unless a period is asked for), and how each changed — opened, moved, closed (and by what it
    was replaced) or continuing. Two queries, whatever the number of offers and moves."""
    until = until or day
    offers = (
        access.scope(user, Offer, "view")
        .select_related("district", "replaced_by")
        .order_by("district__name", "name")
    )
    moves = (
        access.scope(user, OfferAddressChange, "view")
        .filter(changed_on__gte=day, changed_on__lte=until)
        .select_related("offer")
        .order_by("changed_on", "offer__name", "pk")
    )
    moves_by_district: dict[int, list[OfferAddressChange]] = {}
    for move in moves:
        moves_by_district.setdefault(move.offer.district_id, []).append(move)
    moved_offer_ids = {move.offer_id for moves in moves_by_district.values() for move in moves}
    before = day - datetime.timedelta(days=1)
    districts: dict[int, dict] = {}
    for offer in offers:
        entry = districts.setdefault(
            offer.district_id,
            {
                "district": offer.district,
                "opened": [],
                "moved": moves_by_district.get(offer.district_id, []),
                "closed": [],
                "continuing": [],
            },
        )
        was_open, is_open = _open_on(offer, before), _open_on(offer, until)
        if is_open and not was_open:
            entry["opened"].append(offer)
        elif was_open and not is_open:
            entry["closed"].append(offer)
        elif is_open and offer.pk not in moved_offer_ids:
            entry["continuing"].append(offer)
    for entry in districts.values():
        moved_and_open = {
            move.offer_id
            for move in entry["moved"]
            if _open_on(move.offer, before) and _open_on(move.offer, until)
        }
        entry["before"] = len(entry["continuing"]) + len(entry["closed"]) + len(moved_and_open)
        entry["after"] = len(entry["continuing"]) + len(entry["opened"]) + len(moved_and_open)
    return list(districts.values())


def _open_on(offer: Offer, day: datetime.date) -> bool:
    """Without dates, the status decides: a closed offer closed before any date asked about,
    a planned one opens after it."""
    if offer.opens_on is not None and offer.opens_on > day:
        return False
    if offer.closes_on is not None and offer.closes_on <= day:
        return False
    if offer.opens_on is None and offer.status == Offer.Status.PLANNED:
        return False
    return not (offer.closes_on is None and offer.status == Offer.Status.CLOSED)
