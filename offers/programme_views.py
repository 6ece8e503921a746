"""The public programme page (no login): the city's week of activities and outreach hours, under
the same filters as the offer list, each week rendered once per version of what it prints and
way of asking, and served from the shared cache after that (issue 22)."""

import datetime
import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from astnet.municipality import current
from offers import programme_selectors, selectors
from offers.as_of import open_during_q
from offers.display import for_display
from offers.filters import ActivityFilter, ProgrammeOfferFilter
from offers.models import Offer
from offers.public_views import (
    _old_filter_slugs_redirect,
    _page_or_results,
    _subscribe_links,
    _week,
    _week_context,
)

# A cached week of the programme page is dropped when the programme changes (its version moves);
# this only bounds how long weeks nobody asks for again stay in the cache.
PROGRAMME_CACHE_SECONDS = 60 * 60


@require_safe
def programme(request: HttpRequest) -> HttpResponse:
    """The city's week: the filters and the page of occurrences, each rendered once per version
    of the programme and way of asking (`_programme_fragments`); htmx asks for the results only."""
    monday, week_error = _week(request)
    fragments = _programme_fragments(request, monday)
    if isinstance(fragments, HttpResponse):
        return fragments
    filters_html, results_html = fragments
    return render(
        request,
        _page_or_results(request, "offers/public/programme.html"),
        {
            "filters_html": filters_html,
            "results_html": results_html,
            "week_error": week_error,
            **_week_context(monday),
        },
    )


def _programme_fragments(
    request: HttpRequest, monday: datetime.date
) -> tuple[str, str] | HttpResponse:
    """The filter form and the week's results (count, navigation, the page of occurrences) as
    HTML, from the shared cache when the same week was asked for the same way since the programme
    last changed: sixty occurrences and the filters' choices cost tens of milliseconds to read and
    render, and visitors ask for the same few weeks (issue 22). The key holds all the fragments
    show: the programme's version (offers/signals.py moves it on any change to what it prints),
    the week, the query string (filters, page), the language, the municipality's words, today
    (the "I dag" tag, the week navigation's bounds) and the host (the calendar links). An htmx
    request gets no filter form (it swaps the results only). A link with a filter's old slug is
    answered with its redirect instead (`_old_filter_slugs_redirect`)."""
    municipality = current(request)
    parts = [
        programme_selectors.programme_page_version(),
        monday.isoformat(),
        sorted(request.GET.lists()),
        translation.get_language(),
        [municipality.area, municipality.area_plural, municipality.whole],
        timezone.localdate().isoformat(),
        request.scheme,
        request.get_host(),
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    keys = {
        "filters": f"offers:programme-filters:{digest}",
        "results": f"offers:programme:{digest}",
    }
    wanted = ["results"] if request.htmx else ["filters", "results"]
    found = cache.get_many([keys[name] for name in wanted])
    html = {name: found.get(keys[name]) for name in wanted}
    if all(fragment is not None for fragment in html.values()):
        return html.get("filters", ""), html["results"]
    activities = selectors.public_activities(monday, monday + datetime.timedelta(days=6))
    filterset = ActivityFilter(request.GET or None, queryset=activities)
    if (moved := _old_filter_slugs_redirect(request, filterset)) is not None:
        # Never cached: the next request with the old slug is redirected again.
        return moved
    if html.get("filters") is None and "filters" in wanted:
        html["filters"] = render_to_string(
            "offers/public/_filters.html",
            {"filter": filterset, "with_week": True, "week": selectors.iso_week(monday)},
            request=request,
        )
    if html["results"] is None:
        html["results"] = _programme_results(request, filterset, monday)
    cache.set_many({keys[name]: html[name] for name in wanted}, PROGRAMME_CACHE_SECONDS)
    return html.get("filters", ""), html["results"]


def _programme_results(request: HttpRequest, filterset: ActivityFilter, monday) -> str:
    """The week's results as HTML: the occurrences of the page asked for, their links made in
    Python once per offer (not a `{% url %}` per occurrence)."""
    page = programme_selectors.week_programme_page(filterset.qs, monday, request.GET.get("side"))
    selectors.with_offer_links(page.object_list, host=request.get_host())
    for_display(page.object_list)
    district = filterset.form.cleaned_data.get("bydel") if filterset.is_bound else None
    casework = _casework_in_week(request, filterset, monday)
    links = {}
    if district is not None:
        path = reverse("offers_public:district_calendar", args=[district.slug])
        links = _subscribe_links(request, path)
    return render_to_string(
        "offers/public/_programme_results.html",
        {
            "page": page,
            "district": district,
            "casework": casework,
            **links,
            **_week_context(monday),
        },
        request=request,
    )


def _casework_in_week(request: HttpRequest, filterset: ActivityFilter, monday: datetime.date):
    """The partners' outreach hours in the week shown, at the offers the programme's filters
    leave (issue 21); none when the filter asks for one kind of activity, which they are not."""
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    if cleaned.get("slags"):
        return []
    sunday = monday + datetime.timedelta(days=6)
    offers = ProgrammeOfferFilter(
        request.GET or None, queryset=Offer.objects.filter(open_during_q(monday, sunday))
    ).qs
    hours = selectors.public_casework_hours(offers)
    if cleaned.get("ugedag") not in (None, ""):
        hours = [row for row in hours if row.weekday == int(cleaned["ugedag"])]
    return selectors.casework_week(hours, monday)
