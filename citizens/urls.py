from django.urls import path

from citizens import views
from citizens.follow_up import views as follow_up_views

app_name = "citizens"

urlpatterns = [
    path("ny/", views.citizen_create, name="create"),
    path("<int:pk>/", views.citizen_detail, name="detail"),
    path("<int:pk>/rediger/", views.citizen_edit, name="edit"),
    path("<int:pk>/fremmoede/", views.visit_create, name="visit_create"),
    path("<int:pk>/forventningssamtale/", views.talk_create, name="talk_create"),
    path("<int:pk>/samtykke/", views.consent_create, name="consent_create"),
    path("samtykke/<int:pk>/tilbagekald/", views.consent_withdraw, name="consent_withdraw"),
    path("i-dag/", views.today_start, name="today_start"),
    path("tilbud/<int:offer_id>/i-dag/", views.today, name="today"),
    path("tilbud/<int:offer_id>/i-dag/soeg/", views.today_search, name="today_search"),
    path("tilbud/<int:offer_id>/i-dag/ny/", views.quick_create, name="quick_create"),
    path("tilbud/<int:offer_id>/i-dag/anonyme/", views.anonymous, name="anonymous"),
    path(
        "tilbud/<int:offer_id>/i-dag/<int:citizen_id>/tjek-ind/",
        views.check_in,
        name="check_in",
    ),
    path(
        "tilbud/<int:offer_id>/i-dag/<int:citizen_id>/fortryd/",
        views.undo_check_in,
        name="undo_check_in",
    ),
    path("tilbud/<int:offer_id>/opfoelgning/", follow_up_views.threshold_edit, name="threshold"),
    path("opfoelgning/", follow_up_views.follow_up_list, name="follow_up"),
    path("opfoelgning/<int:pk>/kontakt/", follow_up_views.outreach_create, name="outreach_create"),
]
