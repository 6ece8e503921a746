"""The printable week programme: one A4 page for a café noticeboard (issue 18, point 4).

Large type, the week's days as rows, closed days marked; rendered (tagged, like the reports) by
the one PDF renderer, astnet/pdf.py."""

import datetime
from collections.abc import Iterable

from offers.as_of import OPEN_STATUSES, offer_on
from offers.models import Offer, OpeningException
from offers.selectors import Occurrence, week_days


def programme_pages(
    offers: Iterable[Offer], occurrences: list[Occurrence], monday: datetime.date, *, show_offer
) -> dict:
    """The PDF template's context: `offers` as of the week's Monday (address, hours, a move or
    a closing within the week), and `rows`, one per day, each with its occurrences and the
    offers closed that day (a closed exception, or not open by their dates) with the reason.

    `offers` need `address_changes` and `opening_hours` prefetched; one query reads the closed
    days."""
    offers = list(offers)
    sunday = monday + datetime.timedelta(days=6)
    reasons = {
        (exception.offer_id, exception.date): exception.reason
        for exception in OpeningException.objects.filter(
            offer__in=offers, date__gte=monday, date__lte=sunday, closed=True
        )
    }
    rows = []
    for day in week_days(monday):
        closed = []
        for offer in offers:
            on_day = offer_on(offer, day)
            if (offer.pk, day) in reasons:
                closed.append((on_day, reasons[(offer.pk, day)]))
            elif on_day.status not in OPEN_STATUSES:
                closed.append((on_day, on_day.get_status_display()))
        rows.append(
            {
                "day": day,
                "occurrences": [o for o in occurrences if o.day == day],
                "closed": closed,
            }
        )
    return {
        "offers": [offer_on(offer, monday) for offer in offers],
        "moves": [
            move
            for offer in offers
            for move in offer.address_changes.all()
            if monday < move.changed_on <= sunday
        ],
        "rows": rows,
        "show_offer": show_offer,
    }
