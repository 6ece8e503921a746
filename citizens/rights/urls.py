from django.urls import path

from citizens.rights import views
from citizens.views.citizen import consent_withdraw

app_name = "rights"

urlpatterns = [
    path("", views.index, name="index"),
    path("borger/<int:pk>/", views.citizen, name="citizen"),
    path("borger/<int:pk>/indsigt.json", views.export_json, name="export_json"),
    path("borger/<int:pk>/indsigt.pdf", views.export_pdf, name="export_pdf"),
    path("borger/<int:pk>/historik/", views.history, name="history"),
    path("borger/<int:pk>/forbehold/", views.legal_hold, name="legal_hold"),
    path("borger/<int:pk>/anonymiser/", views.anonymise, name="anonymise"),
    path("opbevaring/", views.retention, name="retention"),
    path("cpr-dubletter/", views.cpr_duplicates, name="cpr_duplicates"),
    path("samtykker/", views.consents, name="consents"),
    # The one withdrawal view (also at citizens:consent_withdraw), leading back to the overview.
    path(
        "samtykker/<int:pk>/traek-tilbage/",
        consent_withdraw,
        name="consent_withdraw",
    ),
]
