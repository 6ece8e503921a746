"""Dashboards from the cache. Counting five years of a city's visits takes seconds; reading the
counted figures back takes milliseconds, so a page shows figures up to a few minutes old.

The default dashboards (every district with all its offers, and the city, for the year so far) are
counted ahead by the periodic task astnet.refresh_dashboards, more often than their entries expire:
a leader opening the dashboard never waits for the count. Other filters are counted on first use.
"""

import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.template.loader import render_to_string

from astnet import charts
from astnet.db_router import reading_from_replica
from astnet.figures import Period
from astnet.reporting import dashboards
from offers.models import District, Offer

# django-celery-beat runs the refresh every 4 minutes (migration astnet/0005), well inside this.
CACHE_SECONDS = 10 * 60


def _cached(key: str, build, *, refresh: bool) -> dashboards.Dashboard:
    # v3: entries carry their drawn charts (with a nonce placeholder) and tables; older entries
    # are never read as such.
    cache_key = "dashboard:v3:" + hashlib.sha256(key.encode()).hexdigest()
    dashboard = None if refresh else cache.get(cache_key)
    if dashboard is None:
        with reading_from_replica():
            dashboard = build()
        cache.set(cache_key, _drawn(dashboard), CACHE_SECONDS)
    return dashboard


def _drawn(dashboard: dashboards.Dashboard) -> dashboards.Dashboard:
    """Suppression, charts and tables worked out once, before the dashboard is cached, so a page
    read from the cache is one cache GET and no per-cell template loop (issue 22). Each figure
    gets `chart_svg` (its SVG with a placeholder for the page's CSP nonce, which the view fills
    in by a string replace: charts.nonce_filled) and `table_html` (the suppressed table, rendered
    in the language active now)."""
    for figure in dashboard.figures:
        figure.table  # noqa: B018 - a cached property: the small-number suppression, done now
        figure.chart_svg = charts.with_nonce_placeholder(charts.render(figure))
        figure.table_html = render_to_string("astnet/figure_table.html", {"figure": figure})
    return dashboard


def district_dashboard(
    *, district: District, offer_ids: list[int], period: Period, refresh: bool = False
) -> dashboards.Dashboard:
    offer_ids = sorted(offer_ids)
    return _cached(
        f"district:{district.pk}:{offer_ids}:{period}",
        lambda: dashboards.district_dashboard(
            district=district, offers=Offer.objects.filter(pk__in=offer_ids), period=period
        ),
        refresh=refresh,
    )


def city_overview(*, period: Period, refresh: bool = False) -> dashboards.Dashboard:
    return _cached(
        f"city:{period}", lambda: dashboards.city_overview(period=period), refresh=refresh
    )


def refresh_defaults(*, period: Period) -> int:
    """Counts the default dashboards afresh into the cache; returns how many were counted."""
    offer_ids = defaultdict(list)
    for district_id, offer_id in Offer.objects.values_list("district", "pk"):
        offer_ids[district_id].append(offer_id)
    districts = list(District.objects.order_by("pk"))
    for district in districts:
        district_dashboard(
            district=district, offer_ids=offer_ids[district.pk], period=period, refresh=True
        )
    city_overview(period=period, refresh=True)
    return len(districts) + 1
