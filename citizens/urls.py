from django.urls import include, path

from citizens.views import citizen, merge, today

app_name = "citizens"

urlpatterns = [
    path("ny/", citizen.citizen_create, name="create"),
    path("<int:pk>/", citizen.citizen_detail, name="detail"),
    path("<int:pk>/rediger/", citizen.citizen_edit, name="edit"),
    path("<int:pk>/laeg-sammen/", merge.citizen_merge, name="merge"),
    path("<int:pk>/fremmoede/", citizen.visit_create, name="visit_create"),
    path("<int:pk>/forventningssamtale/", citizen.talk_create, name="talk_create"),
    path("<int:pk>/samtykke/", citizen.consent_create, name="consent_create"),
    path("samtykke/<int:pk>/tilbagekald/", citizen.consent_withdraw, name="consent_withdraw"),
    path("i-dag/", today.today_start, name="today_start"),
    path("tilbud/<int:offer_id>/i-dag/", today.today, name="today"),
    path("tilbud/<int:offer_id>/i-dag/soeg/", today.today_search, name="today_search"),
    path("tilbud/<int:offer_id>/i-dag/ny/", today.quick_create, name="quick_create"),
    path("tilbud/<int:offer_id>/i-dag/anonyme/", today.anonymous, name="anonymous"),
    path(
        "tilbud/<int:offer_id>/i-dag/<int:citizen_id>/tjek-ind/",
        today.check_in,
        name="check_in",
    ),
    path(
        "tilbud/<int:offer_id>/i-dag/<int:citizen_id>/fortryd/",
        today.undo_check_in,
        name="undo_check_in",
    ),
    # Follow-up keeps the citizens: namespace (its URL names were there before the package).
    path("", include("citizens.follow_up.urls")),
]
