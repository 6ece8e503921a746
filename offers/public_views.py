"""The public pages (no login): offers, the city's weekly programme, printable PDFs and calendar feeds.

The modern Gloria listing: everyone can find every offer and activity in the city in one place."""

import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from astnet.pdf import render_pdf
from offers import selectors
from offers.calendar import calendar_bytes, feed_activities
from offers.filters import ActivityFilter, OfferFilter
from offers.models import OpeningException, Weekday
from peers.councils.selectors import published_grants_for_offer

OFFERS_PER_PAGE = 20
OCCURRENCES_PER_PAGE = 60
# A week's programme is printed during that week; after it, nobody asks for it again.
PDF_CACHE_SECONDS = 8 * 24 * 60 * 60


def _week(request: HttpRequest) -> tuple[datetime.date, str | None]:
    """The chosen week's Monday, and an error text when `?uge=` could not be read."""
    monday = selectors.week_start(request.GET.get("uge"))
    if monday is None:
        return selectors.week_start(None), _(
            "Ugen kunne ikke læses. Skriv den som fx 2026-W48 eller som en dato (2026-11-24). "
            "Programmet viser denne uge."
        )
    return monday, None


def _week_context(monday: datetime.date) -> dict:
    return {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week": selectors.iso_week(monday),
        "week_number": monday.isocalendar().week,
        "previous_week": selectors.iso_week(monday - datetime.timedelta(days=7)),
        "next_week": selectors.iso_week(monday + datetime.timedelta(days=7)),
        "today": timezone.localdate(),
    }


def _page_or_results(request: HttpRequest, template: str) -> str:
    """htmx swaps only the results when a filter changes; without JavaScript the whole page loads."""
    return f"{template}#results" if request.htmx else template


@require_GET
def offer_list(request: HttpRequest) -> HttpResponse:
    filterset = OfferFilter(request.GET or None, queryset=selectors.public_offers())
    page = Paginator(filterset.qs, OFFERS_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        _page_or_results(request, "offers/public/offer_list.html"),
        {"filter": filterset, "page": page},
    )


@require_GET
def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    offer = selectors.public_offer_get(slug=slug)
    monday, week_error = _week(request)
    today = timezone.localdate()
    hours = list(offer.opening_hours.all())
    days = [
        {
            "weekday": weekday,
            "label": label,
            "is_today": weekday == today.weekday(),
            "periods": [h for h in hours if h.weekday == weekday],
        }
        for weekday, label in Weekday.choices
    ]
    occurrences = selectors.week_programme(
        selectors.public_activities().filter(offer=offer), monday
    )
    return render(
        request,
        "offers/public/offer_detail.html",
        {
            "offer": offer,
            "days": days,
            "exceptions": selectors.upcoming_exceptions(offer=offer),
            "occurrences": occurrences,
            "week_error": week_error,
            "council_grants": published_grants_for_offer(offer),
            **_week_context(monday),
        },
    )


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    monday, week_error = _week(request)
    filterset = ActivityFilter(request.GET or None, queryset=selectors.public_activities())
    page = selectors.week_programme_page(
        filterset.qs, monday, number=request.GET.get("side"), per_page=OCCURRENCES_PER_PAGE
    )
    district = filterset.form.cleaned_data.get("bydel") if filterset.is_bound else None
    return render(
        request,
        _page_or_results(request, "offers/public/programme.html"),
        {
            "filter": filterset,
            "page": page,
            "week_error": week_error,
            "district": district,
            **_week_context(monday),
        },
    )


def _pdf_response(
    request: HttpRequest, *, key: str, build_context: Callable[[], dict], filename: str
) -> HttpResponse:
    """The PDF from the cache when it is there: rendering takes a second, and many print the same
    week. The key carries the programme's version, so an edit shows at once."""
    key = f"offers:pdf:{key}:{translation.get_language()}"
    pdf = cache.get(key)
    if pdf is None:
        html = render_to_string("offers/programme_pdf.html", build_context(), request=request)
        pdf = render_pdf(html)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def offer_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    # The offer (and with it the version) is read before the programme, so what is cached is
    # never older than the version it is stored under.
    offer = selectors.public_offer_get(slug=slug)
    monday, _error = _week(request)
    week = selectors.iso_week(monday)

    def build_context() -> dict:
        occurrences = selectors.week_programme(
            selectors.public_activities().filter(offer=offer), monday
        )
        return {
            "title": offer.name,
            "offers": [offer],
            "occurrences": occurrences,
            "show_offer": False,
            **_week_context(monday),
        }

    return _pdf_response(
        request,
        key=f"offer:{offer.pk}:{offer.programme_version}:{week}",
        build_context=build_context,
        filename=f"program-{offer.slug}-{week}.pdf",
    )


@require_GET
def district_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    district = selectors.public_district_get(slug=slug)
    monday, _error = _week(request)
    week = selectors.iso_week(monday)

    def build_context() -> dict:
        occurrences = selectors.week_programme(
            selectors.public_activities().filter(offer__district=district), monday
        )
        return {
            "title": district.name,
            "offers": [],
            "occurrences": occurrences,
            "show_offer": True,
            **_week_context(monday),
        }

    return _pdf_response(
        request,
        key=f"district:{district.pk}:{selectors.district_programme_version(district)}:{week}",
        build_context=build_context,
        filename=f"program-{district.slug}-{week}.pdf",
    )


def _calendar_response(name: str, activities, filename: str) -> HttpResponse:
    activities = list(feed_activities(activities))
    closed_days = OpeningException.objects.filter(
        offer__in={a.offer_id for a in activities},
        closed=True,
        date__gte=timezone.localdate() - datetime.timedelta(days=90),
    )
    body = calendar_bytes(name=name, activities=activities, closed_days=closed_days)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(filename)}.ics"'
    return response


@require_GET
def offer_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    offer = selectors.public_offer_get(slug=slug)
    return _calendar_response(
        offer.name, selectors.public_activities().filter(offer=offer), offer.slug
    )


@require_GET
def district_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    district = selectors.public_district_get(slug=slug)
    return _calendar_response(
        district.name,
        selectors.public_activities().filter(offer__district=district),
        district.slug,
    )
