"""Follow-up pages, included by `citizens/urls.py` inside its `citizens` namespace."""

from django.urls import path

from citizens.follow_up import views

urlpatterns = [
    path("tilbud/<int:offer_id>/opfoelgning/", views.threshold_edit, name="threshold"),
    path("opfoelgning/", views.follow_up_list, name="follow_up"),
    path("opfoelgning/<int:pk>/kontakt/", views.outreach_create, name="outreach_create"),
]
