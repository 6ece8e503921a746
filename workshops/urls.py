from django.urls import path

from workshops import exports, views, voting

app_name = "workshops"

urlpatterns = [
    path("workshops/", views.workshop_list, name="list"),
    path("workshops/ny/", views.workshop_create, name="create"),
    path("workshops/<int:pk>/", views.workshop_detail, name="detail"),
    path("workshops/<int:pk>/rediger/", views.workshop_edit, name="edit"),
    path("workshops/<int:pk>/slet/", views.workshop_delete, name="delete"),
    path("workshops/<int:pk>/milepaele/ny/", views.milestone_create, name="milestone_create"),
    path(
        "workshops/<int:pk>/milepaele/<int:milestone_pk>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "workshops/<int:pk>/milepaele/<int:milestone_pk>/slet/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("workshops/<int:pk>/temaer/nyt/", views.theme_create, name="theme_create"),
    path("workshops/<int:pk>/borde/ny/", views.table_form, name="table_create"),
    path("workshops/<int:pk>/borde/<int:table_pk>/", views.table_form, name="table_edit"),
    path("workshops/<int:pk>/borde/<int:table_pk>/slet/", views.table_delete, name="table_delete"),
    path("workshops/<int:pk>/input/", views.live, name="live"),
    path("workshops/input/<int:pk>/slet/", views.input_delete, name="input_delete"),
    path("workshops/<int:pk>/skaerm/", views.screen, name="screen"),
    path("workshops/<int:pk>/syntese/", views.synthesis, name="synthesis"),
    path("workshops/<int:pk>/opsamling.pdf", exports.summary_pdf, name="summary_pdf"),
    path("workshops/<int:pk>/scenarier/nyt/", views.scenario_create, name="scenario_create"),
    path("workshops/scenarier/<int:pk>/", views.scenario_edit, name="scenario_edit"),
    path("workshops/scenarier/<int:pk>/slet/", views.scenario_delete, name="scenario_delete"),
    path(
        "workshops/scenarier/<int:process_pk>/<int:district_pk>/",
        views.scenario_comparison,
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
