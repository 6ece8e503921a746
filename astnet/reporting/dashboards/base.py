"""What every dashboard figure needs: the scope it counts in, and the page it ends up on."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from astnet.figures import Figure, Period
from offers.models import District


@dataclass
class Scope:
    """What a dashboard looks at: the offers (already scoped and filtered) and the period."""

    offers: QuerySet
    period: Period
    district: District | None = None


@dataclass
class Dashboard:
    title: str
    period: Period
    figures: list[Figure] = field(default_factory=list)

    def figure(self, key: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.key == key), None)


def in_period(period: Period, path: str = "day") -> Q:
    return Q(**{f"{path}__range": period.as_range()})


def compare_columns() -> list[str]:
    return [_("Perioden"), _("Samme periode sidste år")]


def optional_model(app_label: str, model_name: str):
    """A model another app is adding; None until it exists, so its section stays out."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def both_periods(period: Period, path: str = "day") -> Q:
    """The period and the same period a year before, as one filter on visits.

    One date range lets PostgreSQL walk the (offer, day) index; two ranges joined by OR make it read
    every visit of the offer. The span between the periods is read too, so one range is used only
    when that span is shorter than the period.
    """
    before = period.previous_year
    if period.start - before.end <= period.end - period.start:
        return Q(**{f"{path}__range": (before.start, period.end)})
    return in_period(period, path) | in_period(before, path)
