"""Offers hold no citizen's data (issue 16; the registry is `astnet/personal_data.py`): their texts
are written about the offer for the public programme."""

from astnet.personal_data import Treatment, declare

KEEP = Treatment.KEEP
PUBLIC = "Written about the offer for the public programme; names no citizen."

declare("offers.track", fields={"description": KEEP}, reason=PUBLIC)
declare(
    "offers.offer",
    fields={
        "places_visited": KEEP,
        "description": KEEP,
        "accessibility_note": KEEP,
        "plan_note": KEEP,
    },
    reason=PUBLIC,
)
declare("offers.activity", fields={"description": KEEP}, reason=PUBLIC)
