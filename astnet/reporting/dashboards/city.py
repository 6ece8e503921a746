"""The overview of the whole municipality (hele byen, hele kommunen): the districts side by side,
the tracks across them, and the spread of offers against where the target group lives."""

from collections import defaultdict

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from astnet.figures import Figure, Period
from astnet.models import DistrictTargetShare
from astnet.municipality import current
from astnet.reporting.dashboards.base import Dashboard, counted_per_period
from citizens.visit_months.selectors import visit_counts
from offers.as_of import open_on_q
from offers.models import District, Track


def districts_side_by_side(period: Period) -> Figure:
    words = current()
    districts = list(
        District.objects.order_by("name").annotate(
            open_offers=Count("offers", filter=open_on_q(period.end, "offers__")),
        )
    )

    def per_district(part: Period) -> dict:
        return {
            key[0]: counts for key, counts in visit_counts(part, group=("offer__district",)).items()
        }

    counted = counted_per_period(period, per_district)
    empty = {"visits": 0, "citizens": 0}
    counts = {
        d.pk: {
            "now": counted["now"].get(d.pk, empty)["visits"],
            "before": counted["before"].get(d.pk, empty)["visits"],
            "citizens": counted["now"].get(d.pk, empty)["citizens"],
        }
        for d in districts
    }
    empty = {"now": 0, "before": 0, "citizens": 0}
    return Figure(
        key="bydele",
        title=_("%(areas)s side om side") % {"areas": capfirst(words.area_plural_definite)},
        description=_(
            "Besøg i perioden og året før, forskellige borgere og tilbud, der var åbne på "
            "periodens sidste dag, i %(areas)s."
        )
        % {"areas": words.area_plural_definite},
        row_header=capfirst(words.area),
        columns=[
            _("Besøg"),
            _("Besøg året før"),
            _("Forskellige borgere"),
            _("Åbne tilbud"),
        ],
        row_labels=[district.name for district in districts],
        values=[
            [
                counts.get(d.pk, empty)["now"],
                counts.get(d.pk, empty)["before"],
                counts.get(d.pk, empty)["citizens"],
                d.open_offers,
            ]
            for d in districts
        ],
        column_totals=[True, True, False, True],
        chart_columns=[0, 1],
        public_columns=[3],
    )


def tracks_across_districts(period: Period) -> Figure:
    """Visits per fagligt spor in each district: one count, pivoted here on a handful of rows."""
    words = current()
    districts = list(District.objects.order_by("name"))
    tracks = list(Track.objects.order_by("name"))
    counts = defaultdict(int)
    for key, counted in visit_counts(
        period, group=("offer__track", "offer__district"), citizens=False
    ).items():
        counts[key] = counted["visits"]
    rows = [(track.pk, track.name) for track in tracks] + [(None, _("Uden fagligt spor"))]
    return Figure(
        key="spor",
        title=_("Faglige spor på tværs af %(areas)s") % {"areas": words.area_plural_definite},
        description=_("Besøg i perioden i tilbud under hvert fagligt spor, fordelt på %(areas)s.")
        % {"areas": words.area_plural},
        row_header=_("Fagligt spor"),
        columns=[district.name for district in districts],
        row_labels=[label for _pk, label in rows],
        values=[[counts[(pk, district.pk)] for district in districts] for pk, _label in rows],
        row_totals=True,
        column_totals=True,
        chart_kind="stacked",
        chart_columns=list(range(len(districts))),
    )


def spread_against_target_group(period: Period) -> Figure:
    """Open offers and visits per district set against its share of the target group (in %)."""
    words = current()
    districts = list(
        District.objects.order_by("name")
        .select_related("target_share")
        .annotate(
            open_offers=Count("offers", distinct=True, filter=open_on_q(period.end, "offers__")),
        )
    )
    all_open = sum(d.open_offers for d in districts)
    values = []
    for district in districts:
        share = _target_share(district)
        offers_share = 100 * district.open_offers / all_open if all_open else None
        gap = offers_share - share if share is not None and offers_share is not None else None
        values.append([share, offers_share, gap])
    return Figure(
        key="fordeling",
        title=_("Fordeling af tilbud i forhold til målgruppen"),
        description=_(
            "%(areas)ss andele af målgruppen og af %(whole)s åbne tilbud i procent. Forskellen er "
            "tilbuddenes andel minus målgruppens andel: et negativt tal betyder for få tilbud."
        )
        % {"areas": capfirst(words.area_plural_definite), "whole": words.whole_genitive},
        row_header=capfirst(words.area),
        columns=[
            _("Andel af målgruppen (%)"),
            _("Andel af åbne tilbud (%)"),
            _("Forskel (procentpoint)"),
        ],
        row_labels=[district.name for district in districts],
        values=values,
        counts=False,
        chart_columns=[0, 1],
    )


def _target_share(district: District) -> float | None:
    try:
        return district.target_share.share_permille / 10
    except DistrictTargetShare.DoesNotExist:
        return None


def city_overview(*, period: Period) -> Dashboard:
    dashboard = Dashboard(title=current().whole_label, period=period)
    dashboard.figures += [
        districts_side_by_side(period),
        tracks_across_districts(period),
        spread_against_target_group(period),
    ]
    return dashboard
