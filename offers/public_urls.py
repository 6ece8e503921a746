"""The public URLs (no login): mounted at the site's root by astnet/urls.py."""

from django.urls import path

from offers import programme_views, public_views

app_name = "offers_public"

urlpatterns = [
    path("tilbud/", public_views.offer_list, name="offer_list"),
    path("tilbud/<slug:slug>/", public_views.offer_detail, name="offer_detail"),
    path("tilbud/<slug:slug>/program.pdf", public_views.offer_pdf, name="offer_pdf"),
    path("tilbud/<slug:slug>/kalender.ics", public_views.offer_calendar, name="offer_calendar"),
    path("program/", programme_views.programme, name="programme"),
    path("program/bydel/<slug:slug>/program.pdf", public_views.district_pdf, name="district_pdf"),
    path(
        "program/bydel/<slug:slug>/kalender.ics",
        public_views.district_calendar,
        name="district_calendar",
    ),
]
