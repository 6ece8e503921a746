"""An offer as it is on a given day: the one answer every dated view of an offer uses (issue 18).

An offer's dates say when it opens and closes, its moves say where it is, and its opening hours
say when each period applies. Pages, the programme, the PDFs, the calendar feeds, the omstilling
and the dashboards all ask `offer_on(offer, day)` (one offer) or filter with `open_on_q(day)` (a
queryset), so none of them can show an offer as it is today on a day when it was, or will be,
different. A change entered today for a later day is therefore only *scheduled*: nothing is
overwritten until the day comes (`offers.tasks.apply_scheduled_changes` then brings the stored
status and address up to date for the admin and for code that reads them directly).

Dates:
- `opens_on` is the first day the offer is open; before it the offer is *planned*.
- `closes_on` is the first day the offer is closed; before it (and from `opens_on`) it is
  *closing*, from it *closed*.
- Without a date, the stored status decides (offers recorded before dates were asked for).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from offers.models import Offer, OfferAddressChange, OpeningHours

Status = Offer.Status
# The statuses a citizen can go to: shown on the public pages and in the programme.
OPEN_STATUSES = (Status.OPEN, Status.CLOSING)


def status_on(offer: Offer, day: datetime.date) -> str:
    """The offer's status (an `Offer.Status` value) on `day`.

    Mirrors `open_on_q` exactly; tests/offers/test_as_of.py checks the two agree on random offers.
    """
    if offer.closes_on is not None:
        if offer.closes_on <= day:
            return Status.CLOSED
    elif offer.status == Status.CLOSED:
        return Status.CLOSED
    if offer.opens_on is not None:
        if offer.opens_on > day:
            return Status.PLANNED
    elif offer.status == Status.PLANNED:
        return Status.PLANNED
    if offer.closes_on is not None or offer.status == Status.CLOSING:
        return Status.CLOSING
    return Status.OPEN


def open_on_q(day: datetime.date, prefix: str = "") -> Q:
    """A filter for offers a citizen can go to on `day` (open or closing), for a queryset of
    offers (`prefix=""`) or of rows that reach their offer through `prefix` (e.g. "offer__")."""
    return open_during_q(day, day, prefix)


def open_during_q(first: datetime.date, last: datetime.date, prefix: str = "") -> Q:
    """Offers open on at least one day from `first` to `last` (both included)."""
    closes_on, opens_on, status = f"{prefix}closes_on", f"{prefix}opens_on", f"{prefix}status"
    not_closed = Q(**{f"{closes_on}__gt": first}) | (
        Q(**{f"{closes_on}__isnull": True}) & ~Q(**{status: Status.CLOSED})
    )
    not_planned = Q(**{f"{opens_on}__lte": last}) | (
        Q(**{f"{opens_on}__isnull": True}) & ~Q(**{status: Status.PLANNED})
    )
    return not_closed & not_planned


def address_on(offer: Offer, day: datetime.date) -> str:
    """Where the offer is on `day` ("" for no fixed address), from its recorded moves: the new
    address of the last move on or before the day, else the old address of the first later move,
    else the address stored on the offer. Uses `offer.address_changes.all()` (prefetch it)."""
    moves = sorted(offer.address_changes.all(), key=lambda move: (move.changed_on, move.pk))
    done = [move for move in moves if move.changed_on <= day]
    if done:
        return done[-1].new_address
    if moves:
        return moves[0].old_address
    return offer.current_address


def week_hours_on(offer: Offer, day: datetime.date) -> list[OpeningHours]:
    """Every opening period of the week as it stands on `day` (each weekday's periods valid on
    that day), in weekday order."""
    return sorted(
        (period for period in offer.opening_hours.all() if period.valid_on(day)),
        key=lambda period: (period.weekday, period.opens),
    )


@dataclass(frozen=True)
class OfferOnDay:
    """An offer as it is on one day. Reads like the offer itself (any attribute not dated here
    comes from `offer`), so templates can use it in the offer's place."""

    offer: Offer
    day: datetime.date
    status: str
    address: str
    hours: list[OpeningHours] = field(default_factory=list)
    next_move: OfferAddressChange | None = None

    def __getattr__(self, name: str):
        return getattr(self.offer, name)

    @property
    def is_open(self) -> bool:
        """The offer can be visited on the day (open or closing)."""
        return self.status in OPEN_STATUSES

    @property
    def current_address(self) -> str:
        return self.address

    @property
    def has_fixed_address(self) -> bool:
        return bool(self.address)

    @property
    def replaced_by(self) -> Offer | None:
        """What replaces the offer; only once it is closing or closed (a replacement decided for
        a later closing is not news on a day when the offer is plainly open)."""
        if self.status in (Status.CLOSING, Status.CLOSED):
            return self.offer.replaced_by
        return None

    def get_status_display(self) -> str:
        return str(Status(self.status).label)


def offer_on(offer: Offer, day: datetime.date) -> OfferOnDay:
    """The offer as it is on `day` (a local date). Reads the prefetched `address_changes` and
    `opening_hours` of the offer; prefetch both when many offers are asked about."""
    later_moves = sorted(
        (move for move in offer.address_changes.all() if move.changed_on > day),
        key=lambda move: (move.changed_on, move.pk),
    )
    return OfferOnDay(
        offer=offer,
        day=day,
        status=status_on(offer, day),
        address=address_on(offer, day),
        hours=week_hours_on(offer, day),
        next_move=later_moves[0] if later_moves else None,
    )


def stored_changes_due(offer: Offer, today: datetime.date) -> dict[str, object]:
    """The stored fields that differ from what the dates say for `today`: {} when up to date.
    The scheduled-change task and the services save exactly these."""
    changes: dict[str, object] = {}
    status = status_on(offer, today)
    if status != offer.status:
        changes["status"] = status
    address = address_on(offer, today)
    if address != offer.current_address:
        changes["address"] = address or offer.address
        changes["has_fixed_address"] = bool(address)
    return changes
