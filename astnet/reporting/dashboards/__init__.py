"""The figures behind the district dashboard and the city overview (nøgletal), read in the database.

Every figure is one aggregate query (Count, Sum, TruncWeek), so a page costs the same number of
queries however many visits there are. A section for data another app keeps is a function in
SECTIONS that returns no figures while that app's model is missing.
"""

from collections.abc import Callable

from django.db.models import QuerySet

from astnet.figures import Figure, Period
from astnet.reporting.dashboards import city
from astnet.reporting.dashboards.base import Dashboard, Scope, optional_model
from astnet.reporting.dashboards.other_apps import (
    anonymous_head_counts,
    council_budgets,
    courses,
    expectation_talks,
    follow_ups,
    peer_mentors,
)
from astnet.reporting.dashboards.survey_and_outreach import (
    consultations,
    consultations_across_districts,
    satisfaction,
    satisfaction_across_districts,
    satisfaction_summary,
)
from astnet.reporting.dashboards.visits import key_figures, per_offer, per_week
from astnet.reporting.parallel import beside
from offers.models import District

__all__ = [
    "CITY_SECTIONS",
    "SECTIONS",
    "Dashboard",
    "Scope",
    "city_overview",
    "district_dashboard",
    "key_figures",
    "optional_model",
    "per_offer",
]

Section = Callable[[Scope], list[Figure]]

# The district dashboard's sections in page order. A section whose app has not landed returns no
# figures (see optional_model).
SECTIONS: list[Section] = [
    key_figures,
    per_offer,
    anonymous_head_counts,
    per_week,
    expectation_talks,
    follow_ups,
    courses,
    satisfaction_summary,
    satisfaction,
    consultations,
    peer_mentors,
    council_budgets,
]

# Sections of the overview of the whole municipality that follow city.py's own figures.
CITY_SECTIONS: list[Callable[[Period], list[Figure]]] = [
    satisfaction_across_districts,
    consultations_across_districts,
]


# Sections counted on a second database connection while the others are counted on the caller's.
# The weeks read the period's own visits (weeks cannot come from the visit months), some 40 % of
# an uncached twelve-month dashboard (issue 22); beside the rest, PostgreSQL counts on two cores.
ALONGSIDE: frozenset[Section] = frozenset({per_week})


def district_dashboard(*, district: District, offers: QuerySet, period: Period) -> Dashboard:
    """The district's figures for `period` at `offers` (already scoped to the district), in
    SECTIONS' order. The ALONGSIDE sections are counted on a second connection beside the rest
    (`parallel.beside`; in turn inside a transaction). Same figures either way."""
    scope = Scope(offers=offers, period=period, district=district)
    dashboard = Dashboard(title=district.name, period=period)
    aside = [section for section in SECTIONS if section in ALONGSIDE]
    rest = [section for section in SECTIONS if section not in ALONGSIDE]
    counted: dict[Section, list[Figure]] = {}

    def count(sections: list[Section]) -> None:
        for section in sections:
            counted[section] = section(scope)

    beside(lambda: count(aside), lambda: count(rest))
    for section in SECTIONS:
        dashboard.figures.extend(counted[section])
    return dashboard


def city_overview(*, period: Period) -> Dashboard:
    """The overview of the whole municipality: city.py's figures, then CITY_SECTIONS."""
    dashboard = city.city_overview(period=period)
    for section in CITY_SECTIONS:
        dashboard.figures.extend(section(period))
    return dashboard
