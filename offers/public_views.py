"""The public pages (no login): offers, the city's weekly programme, printable PDFs and calendar feeds.

The modern Gloria listing: everyone can find every offer and activity in the city in one place.
Every page shows each offer as it is on the day shown (offers/as_of.py), and the weeks anyone can
ask for are bounded (`selectors.week_window`), so no visitor can make the server render years of
PDFs (issue 18)."""

import datetime
import hashlib
from collections.abc import Callable
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from astnet.formats import format_date
from astnet.pdf import render_pdf
from astnet.slugs import slugify
from offers import selectors
from offers.as_of import offer_on, open_during_q
from offers.calendar import calendar_bytes, feed_activities, feed_since
from offers.filters import ActivityFilter, OfferFilter, ProgrammeOfferFilter
from offers.models import Offer, OpeningException, Weekday
from offers.pdf import programme_pages
from peers.councils.selectors import published_grants_for_offer

OFFERS_PER_PAGE = 20
OCCURRENCES_PER_PAGE = 60
# A week's programme is printed during that week; after it, nobody asks for it again.
PDF_CACHE_SECONDS = 8 * 24 * 60 * 60
# A subscribed calendar may keep the feed this long before asking again (with its ETag).
FEED_MAX_AGE = 60 * 60


def _follow_old_slug(of: str):
    """Old links keep working: a slug the offer or district once had redirects (301) to the same
    page under its current slug, query string kept (issue 18)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str) -> HttpResponse:
            try:
                return view(request, slug)
            except Http404:
                new_slug = selectors.current_slug(old_slug=slug, of=of)
                if new_slug is None:
                    raise
                url = reverse(request.resolver_match.view_name, kwargs={"slug": new_slug})
                if request.GET:
                    url = f"{url}?{request.GET.urlencode()}"
                return HttpResponsePermanentRedirect(url)

        return wrapper

    return decorate


# The list filters that name a thing by its slug, and which thing (OldSlug's link) they name.
_FILTER_SLUGS = {"bydel": "district", "spor": "track", "maalgruppe": "target_group"}


def _old_filter_slugs_redirect(request: HttpRequest, filterset) -> HttpResponse | None:
    """A filtered list's link made before a district, track or target group changed its slug
    (`/program/?spor=old-slug`) redirects (301) to the same list under the current slugs, the
    rest of the query kept (issue 18); None when there is nothing to redirect. Looked up only
    when a filter failed to find its slug, so a current link costs no query more."""
    if not filterset.is_bound or filterset.form.is_valid():
        return None
    query = request.GET.copy()
    changed = False
    for param, of in _FILTER_SLUGS.items():
        if param in filterset.form.errors:
            new_slug = selectors.current_slug(old_slug=query[param], of=of)
            if new_slug is not None:
                query[param] = new_slug
                changed = True
    if not changed:
        return None
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")


def _week(request: HttpRequest) -> tuple[datetime.date, str | None]:
    """The chosen week's Monday, and an error text when `?uge=` could not be read or lies
    outside the weeks the programme is shown for (then the programme shows this week)."""
    today = timezone.localdate()
    this_week = selectors.week_start(None, today=today)
    monday = selectors.week_start(request.GET.get("uge"), today=today)
    if monday is None:
        return this_week, _(
            "Ugen kunne ikke læses. Skriv den som fx 2026-W48 eller som en dato (2026-11-24). "
            "Programmet viser denne uge."
        )
    first, last = selectors.week_window(today)
    if not first <= monday <= last:
        return this_week, _(
            "Programmet kan vises for ugerne fra %(first)s til %(last)s, to år tilbage og to år "
            "frem. Programmet viser denne uge."
        ) % {"first": format_date(first), "last": format_date(last)}
    return monday, None


def _week_context(monday: datetime.date) -> dict:
    first, last = selectors.week_window()
    previous, following = monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7)
    return {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week": selectors.iso_week(monday),
        "week_number": monday.isocalendar().week,
        "previous_week": selectors.iso_week(previous) if previous >= first else None,
        "next_week": selectors.iso_week(following) if following <= last else None,
        "today": timezone.localdate(),
    }


def _shown_day(monday: datetime.date) -> datetime.date:
    """The day an offer page describes the offer on: today in this week, else the week's Monday."""
    today = timezone.localdate()
    return today if monday <= today <= monday + datetime.timedelta(days=6) else monday


def _subscribe_links(request: HttpRequest, path: str) -> dict:
    """The feed to download (https) and the same feed to subscribe to (webcal://)."""
    absolute = request.build_absolute_uri(path)
    return {"calendar_url": path, "webcal_url": "webcal://" + absolute.split("://", 1)[1]}


def _page_or_results(request: HttpRequest, template: str) -> str:
    """htmx swaps only the results when a filter changes; without JavaScript the whole page loads."""
    return f"{template}#results" if request.htmx else template


@require_safe
def offer_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filterset = OfferFilter(request.GET or None, queryset=selectors.public_offers(today))
    if (moved := _old_filter_slugs_redirect(request, filterset)) is not None:
        return moved
    page = Paginator(filterset.qs, OFFERS_PER_PAGE).get_page(request.GET.get("side"))
    page.object_list = [offer_on(offer, today) for offer in page.object_list]
    return render(
        request,
        _page_or_results(request, "offers/public/offer_list.html"),
        {"filter": filterset, "page": page},
    )


@require_safe
@_follow_old_slug("offer")
def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    stored = selectors.public_offer_get(slug=slug)
    monday, week_error = _week(request)
    shown = offer_on(stored, _shown_day(monday))
    days = [
        {
            "weekday": weekday,
            "label": label,
            "is_today": shown.day == timezone.localdate() and weekday == shown.day.weekday(),
            "periods": [h for h in shown.hours if h.weekday == weekday],
        }
        for weekday, label in Weekday.choices
    ]
    sunday = monday + datetime.timedelta(days=6)
    occurrences = selectors.week_programme(
        selectors.public_activities(monday, sunday).filter(offer=stored), monday
    )
    return render(
        request,
        "offers/public/offer_detail.html",
        {
            "offer": shown,
            "days": days,
            "exceptions": selectors.upcoming_exceptions(offer=stored),
            "occurrences": occurrences,
            "week_error": week_error,
            "council_grants": published_grants_for_offer(stored),
            **_subscribe_links(request, reverse("offers_public:offer_calendar", args=[slug])),
            **_week_context(monday),
        },
    )


@require_safe
def programme(request: HttpRequest) -> HttpResponse:
    monday, week_error = _week(request)
    activities = selectors.public_activities(monday, monday + datetime.timedelta(days=6))
    filterset = ActivityFilter(request.GET or None, queryset=activities)
    if (moved := _old_filter_slugs_redirect(request, filterset)) is not None:
        return moved
    occurrences = selectors.week_programme(filterset.qs, monday)
    page = Paginator(occurrences, OCCURRENCES_PER_PAGE).get_page(request.GET.get("side"))
    selectors.with_offer_links(page.object_list)
    district = filterset.form.cleaned_data.get("bydel") if filterset.is_bound else None
    casework = _casework_in_week(request, filterset, monday)
    links = {}
    if district is not None:
        path = reverse("offers_public:district_calendar", args=[district.slug])
        links = _subscribe_links(request, path)
    return render(
        request,
        _page_or_results(request, "offers/public/programme.html"),
        {
            "filter": filterset,
            "page": page,
            "week_error": week_error,
            "district": district,
            "casework": casework,
            **links,
            **_week_context(monday),
        },
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


def _pdf_week(request: HttpRequest) -> tuple[datetime.date, HttpResponse | None]:
    """A PDF is only made for a week the programme shows; otherwise a Danish 400 says why."""
    monday, error = _week(request)
    if error is not None and request.GET.get("uge", "").strip():
        return monday, HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    return monday, None


@require_safe
@_follow_old_slug("offer")
def offer_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    # The offer (and with it the version) is read before the programme, so what is cached is
    # never older than the version it is stored under.
    offer = selectors.public_offer_get(slug=slug)
    monday, refused = _pdf_week(request)
    if refused is not None:
        return refused
    week = selectors.iso_week(monday)

    def build_context() -> dict:
        activities = selectors.public_activities(monday, monday + datetime.timedelta(days=6))
        occurrences = selectors.week_programme(activities.filter(offer=offer), monday)
        return {
            "title": offer.name,
            **programme_pages([offer], occurrences, monday, show_offer=False),
            **_week_context(monday),
        }

    return _pdf_response(
        request,
        key=f"offer:{offer.pk}:{offer.programme_version}:{week}",
        build_context=build_context,
        filename=f"program-{offer.slug}-{week}.pdf",
    )


@require_safe
@_follow_old_slug("district")
def district_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    district = selectors.public_district_get(slug=slug)
    monday, refused = _pdf_week(request)
    if refused is not None:
        return refused
    week = selectors.iso_week(monday)

    def build_context() -> dict:
        activities = selectors.public_activities(
            monday, monday + datetime.timedelta(days=6)
        ).filter(offer__district=district)
        occurrences = selectors.week_programme(activities, monday)
        offers = selectors.district_offers_in_week(district, monday)
        return {
            "title": district.name,
            **programme_pages(offers, occurrences, monday, show_offer=True),
            **_week_context(monday),
        }

    return _pdf_response(
        request,
        key=f"district:{district.pk}:{selectors.district_programme_version(district)}:{week}",
        build_context=build_context,
        filename=f"program-{district.slug}-{week}.pdf",
    )


def _calendar_response(
    request: HttpRequest, name: str, activities, filename: str, casework_offers
) -> HttpResponse:
    """The feed, with an ETag of its bytes and a Cache-Control that suits a subscription; a
    client that sends the ETag back gets a 304 (and HEAD the headers alone). The partners'
    outreach hours at `casework_offers` are in it too (issue 21)."""
    today = timezone.localdate()
    activities = list(feed_activities(activities))
    casework = selectors.public_casework_hours(casework_offers)
    offer_ids = {a.offer_id for a in activities} | {hours.offer_id for hours in casework}
    closed_days = OpeningException.objects.filter(
        offer__in=offer_ids, closed=True, date__gte=feed_since(today)
    )
    # Stamped with the start of the day, so the bytes (and the ETag) only change when the
    # programme does, or the day (and with it what the feed covers) moves on.
    stamp = datetime.datetime.combine(today, datetime.time(0), ZoneInfo(settings.TIME_ZONE))
    body = calendar_bytes(
        name=name,
        activities=activities,
        closed_days=closed_days,
        stamp=stamp,
        casework=casework,
        since=feed_since(today),
    )
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(filename)}.ics"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response)


@require_safe
@_follow_old_slug("offer")
def offer_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    offer = selectors.public_offer_get(slug=slug)
    activities = selectors.public_activities(feed_since()).filter(offer=offer)
    offers = Offer.objects.filter(pk=offer.pk).filter(
        open_during_q(feed_since(), datetime.date.max)
    )
    return _calendar_response(request, offer.name, activities, offer.slug, offers)


@require_safe
@_follow_old_slug("district")
def district_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    district = selectors.public_district_get(slug=slug)
    activities = selectors.public_activities(feed_since()).filter(offer__district=district)
    offers = Offer.objects.filter(district=district).filter(
        open_during_q(feed_since(), datetime.date.max)
    )
    return _calendar_response(request, district.name, activities, district.slug, offers)
