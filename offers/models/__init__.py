"""The offers app's models: places (districts, tracks, offers) and each offer's weekly programme."""

from offers.models.places import (
    District,
    Offer,
    OfferAddressChange,
    OldSlug,
    TargetGroup,
    Track,
)
from offers.models.programme import Activity, OpeningException, OpeningHours, Weekday

__all__ = [
    "Activity",
    "District",
    "Offer",
    "OfferAddressChange",
    "OldSlug",
    "OpeningException",
    "OpeningHours",
    "TargetGroup",
    "Track",
    "Weekday",
]
