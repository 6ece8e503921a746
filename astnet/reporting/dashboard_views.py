"""The district dashboard, the city overview and their exports."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from astnet import access, charts, exports
from astnet.audit import Action, audit_record
from astnet.figures import Figure
from astnet.models import Role
from astnet.reporting.dashboards import cached
from astnet.reporting.dashboards.survey_and_outreach import SATISFACTION_SUMMARY_KEY
from astnet.reporting.filters import DashboardFilter, PeriodFilter, filter_data
from astnet.slugs import slugify
from offers.models import District, Offer

DASHBOARD_ROLES = (Role.LEADER, Role.ADMINISTRATION)
# The figure a dashboard opens with, as big numbers above the folded sections.
SUMMARY_KEYS = {"noegletal"}


@access.require_role(*DASHBOARD_ROLES)
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """Leaders go straight to their district; the administration chooses one (or the city)."""
    districts = list(access.scope(request.user, District).order_by("name"))
    if len(districts) == 1 and not access.is_city_wide(request.user):
        return redirect("dashboards:district", district_id=districts[0].pk)
    context = {"districts": districts, "can_see_city": access.is_city_wide(request.user)}
    return render(request, "astnet/dashboard_home.html", context)


def _district_dashboard(request: HttpRequest, district_id: int):
    district = access.get_in_scope(request.user, District, "view", pk=district_id)
    offers = access.scope(request.user, Offer, "view").filter(district=district)
    filterset = DashboardFilter(filter_data(request.GET), queryset=offers)
    dashboard = None
    if filterset.is_valid():
        dashboard = cached.district_dashboard(
            district=district,
            offer_ids=list(filterset.qs.values_list("pk", flat=True)),
            period=filterset.period,
        )
    return district, filterset, dashboard


@access.require_role(*DASHBOARD_ROLES)
def district_dashboard(request: HttpRequest, district_id: int) -> HttpResponse:
    district, filterset, dashboard = _district_dashboard(request, district_id)
    context = {
        "district": district,
        "filter": filterset,
        "dashboard": dashboard,
        "panels": _panels(request, dashboard),
        "summary": _summary(dashboard),
        "satisfaction_summary": _satisfaction_summary(dashboard),
        "query": request.GET.urlencode(),
    }
    return render(request, "astnet/dashboard_district.html", context)


@access.require_role(*DASHBOARD_ROLES)
def district_export(
    request: HttpRequest, district_id: int, key: str, file_format: str
) -> HttpResponse:
    district, _filterset, dashboard = _district_dashboard(request, district_id)
    return _export(request, dashboard, key, file_format, target=district)


def _city(request: HttpRequest):
    filterset = PeriodFilter(filter_data(request.GET), queryset=Offer.objects.none())
    dashboard = None
    if filterset.is_valid():
        dashboard = cached.city_overview(period=filterset.period)
    return filterset, dashboard


@access.require_role(Role.ADMINISTRATION)
def city_overview(request: HttpRequest) -> HttpResponse:
    filterset, dashboard = _city(request)
    context = {
        "filter": filterset,
        "dashboard": dashboard,
        "panels": _panels(request, dashboard),
        "query": request.GET.urlencode(),
    }
    return render(request, "astnet/dashboard_city.html", context)


@access.require_role(Role.ADMINISTRATION)
def city_export(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    _filterset, dashboard = _city(request)
    return _export(request, dashboard, key, file_format, target=None)


def _summary(dashboard) -> Figure | None:
    """The key figures (nøgletal) shown first, above the folded sections (issue 20)."""
    if dashboard is None:
        return None
    return next((figure for figure in dashboard.figures if figure.key in SUMMARY_KEYS), None)


def _satisfaction_summary(dashboard) -> list[str] | None:
    """The row "satisfaction where known" among the key figures: label, share now, a year before
    (each "færre end 5 svar" behind fewer than five answers); None without the survey."""
    if dashboard is None:
        return None
    figure = dashboard.figure(SATISFACTION_SUMMARY_KEY)
    return figure.display_rows()[0] if figure is not None else None


def _panels(request: HttpRequest, dashboard) -> list[dict]:
    """Each figure with its chart, as drawn before the dashboard was cached (cached._drawn), its
    <style> given this page's CSP nonce (so StyleNonceMiddleware finds nothing left to do)."""
    if dashboard is None:
        return []
    nonce = str(request.csp_nonce)
    return [
        {"figure": figure, "chart": charts.nonce_filled(figure.chart_svg, nonce)}
        for figure in dashboard.figures
    ]


def _export(request, dashboard, key: str, file_format: str, *, target) -> HttpResponse:
    figure = dashboard.figure(key) if dashboard is not None else None
    if figure is None or file_format not in exports.FORMATS:
        raise Http404
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        target=target,
        object_type="" if target else "dashboard.city",
        request=request,
        detail=f"dashboard {key}.{file_format} {dashboard.period.start}–{dashboard.period.end}",
    )
    scope_name = slugify(target.name) if target else "byen"
    filename = f"{scope_name}-{key}-{dashboard.period.start:%Y%m%d}-{dashboard.period.end:%Y%m%d}"
    return exports.response(figure, dashboard.period, file_format=file_format, filename=filename)
