"""Reads for the offers' pages: the public lists (no login, not scoped) and the staff's scoped views.

Every function answers in a fixed number of queries, whatever the number of offers or activities,
so the public programme stays fast when the whole city is on it.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from astnet import access
from astnet.row_urls import row_url
from offers.as_of import OPEN_STATUSES, open_during_q, open_on_q, status_on
from offers.models import (
    Activity,
    District,
    Offer,
    OfferAddressChange,
    OldSlug,
    OpeningException,
    OpeningHours,
)

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
# The public programme (page, PDFs) answers for weeks this many years back and forward: enough
# for any plan, and a bound on what an anonymous visitor can make the server render (issue 18).
WEEK_WINDOW_YEARS = 2


def week_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last Monday the public programme shows (local dates)."""
    today = today or timezone.localdate()
    span = datetime.timedelta(days=366 * WEEK_WINDOW_YEARS)
    first, last = today - span, today + span
    return (
        first - datetime.timedelta(days=first.weekday()),
        last - datetime.timedelta(days=last.weekday()),
    )


def week_start(value: str | None, *, today: datetime.date | None = None) -> datetime.date | None:
    """The Monday of the week named by `value`: an ISO week ("2026-W48") or any date in it
    ("2026-11-24"). Empty means this week; None means the value could not be read. Whether the
    week lies in `week_window` is the caller's question."""
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


def hours_valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Opening periods that apply on `day` (their own dates; the weekday is not checked)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


def hours_current_or_later_q(today: datetime.date | None = None) -> Q:
    """Opening periods that still apply today or will later (the past ones are history)."""
    today = today or timezone.localdate()
    return Q(valid_until__isnull=True) | Q(valid_until__gte=today)


def open_at_condition(moment: datetime.datetime) -> Q:
    """Offers open at `moment`: usual hours that day with no exception, or special hours covering it."""
    day, time = moment.date(), moment.time()
    usual = Exists(
        OpeningHours.objects.filter(
            hours_valid_on_q(day),
            offer=OuterRef("pk"),
            weekday=day.weekday(),
            opens__lte=time,
            closes__gt=time,
        )
    )
    exception = Exists(OpeningException.objects.filter(offer=OuterRef("pk"), date=day))
    special = Exists(
        OpeningException.objects.filter(
            offer=OuterRef("pk"), date=day, closed=False, opens__lte=time, closes__gt=time
        )
    )
    return (usual & ~exception) | special


def public_offers(day: datetime.date) -> QuerySet[Offer]:
    """Offers a citizen can go to on `day`, with that day's hours and their moves, for the public
    list (read each through `offers.as_of.offer_on(offer, day)`)."""
    return (
        Offer.objects.filter(open_on_q(day))
        .select_related("district", "track")
        .prefetch_related(
            "target_groups",
            "address_changes",
            Prefetch(
                "opening_hours",
                queryset=OpeningHours.objects.filter(hours_valid_on_q(day), weekday=day.weekday()),
            ),
        )
        .order_by("name")
    )


def public_offer_get(*, slug: str) -> Offer:
    """One offer's public page: any status, so an old link says it closed and what replaced it."""
    try:
        return (
            Offer.objects.select_related("district", "track", "parent", "replaced_by")
            .prefetch_related("target_groups", "opening_hours", "satellites", "address_changes")
            .get(slug=slug)
        )
    except Offer.DoesNotExist as error:
        raise Http404 from error


def public_district_get(*, slug: str) -> District:
    try:
        return District.objects.get(slug=slug)
    except District.DoesNotExist as error:
        raise Http404 from error


def current_slug(*, old_slug: str, of: str) -> str | None:
    """The slug the offer, district, track or target group (`of`: one of OLD_SLUG_LINKS) now
    has, when `old_slug` was once its slug; None otherwise. Old links redirect with it (issue 18)."""
    return (
        OldSlug.objects.filter(slug=old_slug, **{f"{of}__isnull": False})
        .values_list(f"{of}__slug", flat=True)
        .first()
    )


def district_offers_in_week(district: District, monday: datetime.date) -> QuerySet[Offer]:
    """The district's offers open on at least one day of the week, with their moves and hours."""
    sunday = monday + datetime.timedelta(days=6)
    return (
        Offer.objects.filter(open_during_q(monday, sunday), district=district)
        .prefetch_related("address_changes", "opening_hours")
        .order_by("name")
    )


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


def public_activities(
    first: datetime.date, last: datetime.date | None = None
) -> QuerySet[Activity]:
    """Activities of offers open on at least one day from `first` to `last` (`last` None: any
    later day), with each offer's moves, so every occurrence can be shown as of its own day."""
    return (
        Activity.objects.filter(open_during_q(first, last or datetime.date.max, "offer__"))
        .select_related("offer", "offer__district", "offer__track", "offer__replaced_by", "track")
        .prefetch_related("offer__address_changes")
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
    """The week's occurrences, in order, on the days their offer is open as of that day (not yet
    opened or already closed: not on the programme); those on a day the offer has a closed
    exception are marked cancelled. Three queries: the activities of the week, their offers'
    moves and the closed days of their offers."""
    sunday = monday + datetime.timedelta(days=6)
    rows = list(activities_in_period(activities, monday, sunday))
    closed = _closed_days({row.offer_id for row in rows}, monday, sunday)
    occurrences = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        for activity in rows:
            if activity.occurs_on(day) and status_on(activity.offer, day) in OPEN_STATUSES:
                reason = closed.get((activity.offer_id, day))
                occurrences.append(Occurrence(day, activity, reason))
    occurrences.sort(key=lambda o: (o.day, o.activity.start_time, o.activity.offer.name))
    return occurrences


def _closed_days(offer_ids, first: datetime.date, last: datetime.date) -> dict:
    """(offer id, date) → the reason, for the days between `first` and `last` an offer is closed."""
    return {
        (exception.offer_id, exception.date): exception.reason
        for exception in OpeningException.objects.filter(
            offer__in=offer_ids, date__gte=first, date__lte=last, closed=True
        )
    }


def with_offer_links(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Gives each occurrence's offer its public page's link, from one reverse instead of one per
    occurrence in the template (issue 22). Returns the same list."""
    detail = row_url("offers_public:offer_detail")
    for occurrence in occurrences:
        occurrence.activity.offer.detail_url = detail(occurrence.activity.offer.slug)
    return occurrences


# --- outreach casework hours (fremskudt sagsbehandling, issue 21) -----------------------------


def _casework_model():
    """The partners' weekly hours (kept by the citizens app, which imports offers, so offers asks
    the app registry for the model instead of importing it); None where the app is missing."""
    try:
        return apps.get_model("citizens", "CaseworkHours")
    except LookupError:
        return None


def public_casework_hours(offers: QuerySet[Offer]) -> list:
    """The partners' weekly hours at `offers`, with partner, offer, district and the offer's moves
    (for the feed's addresses), by weekday and time: one query and one prefetch. Published hours
    name services, never a citizen (citizens/outreach/access.py declares them public)."""
    model = _casework_model()
    if model is None:
        return []
    return list(
        model.objects.filter(offer__in=offers)
        .select_related("partner", "offer", "offer__district")
        .prefetch_related("offer__address_changes")
        .order_by("weekday", "starts_at", "offer__name", "partner__name")
    )


@dataclass(frozen=True)
class CaseworkOccurrence:
    """One partner's hours at an offer on one day of the week shown."""

    day: datetime.date
    hours: object
    cancelled_reason: str | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_reason is not None


def casework_week(hours: list, monday: datetime.date) -> list[CaseworkOccurrence]:
    """The week's occurrences of `hours` (from `public_casework_hours`) on the days their offer
    is open that day; those on a day the offer is closed are marked cancelled with the reason.
    One query (the closed days)."""
    sunday = monday + datetime.timedelta(days=6)
    closed = _closed_days({row.offer_id for row in hours}, monday, sunday)
    occurrences = []
    for day in week_days(monday):
        for row in hours:
            if row.weekday == day.weekday() and status_on(row.offer, day) in OPEN_STATUSES:
                occurrences.append(CaseworkOccurrence(day, row, closed.get((row.offer_id, day))))
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
    return status_on(offer, day) in OPEN_STATUSES
