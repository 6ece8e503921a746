"""The peer-mentor pages under /peer/, namespace `mentors`."""

from django.urls import path

from peers.mentors.views import mentoring, training

app_name = "mentors"

urlpatterns = [
    path("", mentoring.index, name="index"),
    path("hold/", training.cohort_list, name="cohorts"),
    path("hold/nyt/", training.cohort_create, name="cohort_create"),
    path("hold/<int:pk>/", training.cohort_detail, name="cohort_detail"),
    path("hold/<int:pk>/deltager/", training.participant_add, name="participant_add"),
    path("hold/<int:pk>/modulgang/", training.session_create, name="session_create"),
    path("modulgang/<int:pk>/", training.session_register, name="session_register"),
    path(
        "modulgang/<int:pk>/deltager/<int:participation_id>/",
        training.attendance_toggle,
        name="attendance_toggle",
    ),
    path("certificering/", training.certification_list, name="certification"),
    path("vejledere/ny/", training.mentor_create, name="mentor_create"),
    path("vejledere/<int:pk>/ret/", training.mentor_edit, name="mentor_edit"),
    path("placeringer/", training.placement_list, name="placements"),
    path("placeringer/ny/", training.placement_create, name="placement_create"),
    path("placeringer/<int:pk>/afslut/", training.placement_end, name="placement_end"),
    path("aarsmaal/", training.yearly_target, name="target"),
    path("min-uddannelse/", mentoring.own_page, name="own"),
    path("min-uddannelse/peer-moede/", mentoring.meeting_log, name="meeting_log"),
    path("tilbud/", mentoring.offer_mentors, name="offers"),
    path("netvaerk/", mentoring.network, name="network"),
    path("supervision/", mentoring.supervision_list, name="supervisions"),
    path("supervision/ny/", mentoring.supervision_create, name="supervision_create"),
    path("supervision/<int:pk>/", mentoring.supervision_detail, name="supervision_detail"),
]
