from django.urls import path

from citizens.satisfaction import views

# Included into the citizens: namespace (citizens/urls.py).
urlpatterns = [
    path("tilfredshed/", views.start, name="satisfaction_start"),
    path(
        "tilbud/<int:offer_id>/tilfredshed/<slug:kind>/",
        views.survey,
        name="satisfaction_survey",
    ),
    path("tilbud/<int:offer_id>/tilfredshed-tak/", views.thanks, name="satisfaction_thanks"),
]
