from django.urls import path

from workshops import exports, voting
from workshops.views import codes, live, planning, scenarios

app_name = "workshops"

urlpatterns = [
    path("workshops/", planning.workshop_list, name="list"),
    path("workshops/ny/", planning.workshop_create, name="create"),
    path("workshops/<int:pk>/", planning.workshop_detail, name="detail"),
    path("workshops/<int:pk>/rediger/", planning.workshop_edit, name="edit"),
    path("workshops/<int:pk>/slet/", planning.workshop_delete, name="delete"),
    path("workshops/<int:pk>/milepaele/ny/", planning.milestone_create, name="milestone_create"),
    path(
        "workshops/<int:pk>/milepaele/<int:milestone_pk>/",
        planning.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "workshops/<int:pk>/milepaele/<int:milestone_pk>/slet/",
        planning.milestone_delete,
        name="milestone_delete",
    ),
    path("workshops/<int:pk>/temaer/nyt/", planning.theme_create, name="theme_create"),
    path("workshops/<int:pk>/borde/ny/", planning.table_form, name="table_create"),
    path("workshops/<int:pk>/borde/<int:table_pk>/", planning.table_form, name="table_edit"),
    path(
        "workshops/<int:pk>/borde/<int:table_pk>/slet/", planning.table_delete, name="table_delete"
    ),
    path("workshops/<int:pk>/input/", live.live, name="live"),
    path("workshops/input/<int:pk>/slet/", live.input_delete, name="input_delete"),
    path("workshops/<int:pk>/skaerm/", live.screen, name="screen"),
    path("workshops/<int:pk>/deltagerkoder/", codes.participant_codes, name="participant_codes"),
    path(
        "workshops/<int:pk>/deltagerkoder/tilbagekald/",
        codes.participant_code_revoke,
        name="participant_code_revoke",
    ),
    path(
        "workshops/<int:pk>/deltagerkoder.pdf",
        codes.participant_codes_pdf,
        name="participant_codes_pdf",
    ),
    path("workshops/<int:pk>/syntese/", scenarios.synthesis, name="synthesis"),
    path("workshops/<int:pk>/opsamling.pdf", exports.summary_pdf, name="summary_pdf"),
    path("workshops/<int:pk>/scenarier/nyt/", scenarios.scenario_create, name="scenario_create"),
    path("workshops/scenarier/<int:pk>/", scenarios.scenario_edit, name="scenario_edit"),
    path("workshops/scenarier/<int:pk>/slet/", scenarios.scenario_delete, name="scenario_delete"),
    path(
        "workshops/scenarier/<int:process_pk>/<int:district_pk>/",
        scenarios.scenario_comparison,
        name="scenario_comparison",
    ),
    path(
        "workshops/scenarier/<int:process_pk>/<int:district_pk>/sammenligning.pdf",
        exports.scenario_comparison_pdf,
        name="scenario_comparison_pdf",
    ),
    path("stem/", voting.vote_start, name="vote_start"),
    path("stem/<str:code>/", voting.ballot, name="ballot"),
    path("stem/<str:code>/prik/", voting.dot, name="dot"),
]
