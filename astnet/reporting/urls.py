"""Dashboards (nøgletal) and the status reports."""

from django.urls import path

from astnet.reporting import dashboard_views, report_views

app_name = "dashboards"

urlpatterns = [
    path("dashboard/", dashboard_views.dashboard_home, name="home"),
    path("dashboard/bydel/<int:district_id>/", dashboard_views.district_dashboard, name="district"),
    path(
        "dashboard/bydel/<int:district_id>/eksport/<slug:key>.<str:file_format>",
        dashboard_views.district_export,
        name="district_export",
    ),
    path("dashboard/byen/", dashboard_views.city_overview, name="city"),
    path(
        "dashboard/byen/eksport/<slug:key>.<str:file_format>",
        dashboard_views.city_export,
        name="city_export",
    ),
    path("rapporter/", report_views.report_list, name="reports"),
    path("rapporter/<int:report_id>/raekke/", report_views.report_row, name="report_row"),
    path("rapporter/<int:report_id>/hent/", report_views.report_download, name="report_download"),
    path(
        "rapporter/<int:report_id>/tal/",
        report_views.report_numbers_download,
        name="report_numbers_download",
    ),
]
