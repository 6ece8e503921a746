"""Demo data for the city overview: each district's share of the target group (målgruppeandel).

The shares are illustrative, not the city's real social indicators; the administration enters the
real ones in the admin.
"""

from astnet.models import DistrictTargetShare
from offers.models import District

DEMO_SHARES_PERMILLE = {"amager": 230, "city": 190, "nordvest": 310, "norrebro": 270}
DEMO_YEAR = 2025


def seed() -> None:
    for district in District.objects.filter(slug__in=DEMO_SHARES_PERMILLE):
        DistrictTargetShare.objects.update_or_create(
            district=district,
            defaults={"share_permille": DEMO_SHARES_PERMILLE[district.slug], "year": DEMO_YEAR},
        )
