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
    # What one figure counted that another of the same dashboard reads too, by the figure's own
    # key: counted once per dashboard (see dashboards.visits).
    counted: dict = field(default_factory=dict, repr=False, compare=False)


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


def counted_per_period(period: Period, count) -> dict[str, object]:
    """`count(part)` for the period ("now") and the same period a year before ("before"), one
    query each. Two date ranges joined by OR in one query make PostgreSQL read each offer's whole
    history (issue 22: 656 k index rows read to use 22 k); one range per query reads its days only.
    `count` takes a Period and returns what that query found."""
    return {"now": count(period), "before": count(period.previous_year)}
