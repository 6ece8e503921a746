from django.urls import path

from peers import mentors_views as views

app_name = "mentors"

urlpatterns = [
    path("", views.index, name="index"),
    path("hold/", views.cohort_list, name="cohorts"),
    path("hold/nyt/", views.cohort_create, name="cohort_create"),
    path("hold/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("hold/<int:pk>/deltager/", views.participant_add, name="participant_add"),
    path("hold/<int:pk>/modulgang/", views.session_create, name="session_create"),
    path("modulgang/<int:pk>/", views.session_register, name="session_register"),
    path(
        "modulgang/<int:pk>/deltager/<int:participation_id>/",
        views.attendance_toggle,
        name="attendance_toggle",
    ),
    path("certificering/", views.certification_list, name="certification"),
    path("vejledere/ny/", views.mentor_create, name="mentor_create"),
    path("vejledere/<int:pk>/ret/", views.mentor_edit, name="mentor_edit"),
    path("placeringer/", views.placement_list, name="placements"),
    path("placeringer/ny/", views.placement_create, name="placement_create"),
    path("placeringer/<int:pk>/afslut/", views.placement_end, name="placement_end"),
    path("aarsmaal/", views.yearly_target, name="target"),
    path("min-uddannelse/", views.own_page, name="own"),
    path("min-uddannelse/peer-moede/", views.meeting_log, name="meeting_log"),
    path("tilbud/", views.offer_mentors, name="offers"),
    path("netvaerk/", views.network, name="network"),
    path("supervision/", views.supervision_list, name="supervisions"),
    path("supervision/ny/", views.supervision_create, name="supervision_create"),
    path("supervision/<int:pk>/", views.supervision_detail, name="supervision_detail"),
]
