from django.urls import path

from citizens.courses.views import course, enrolment, goals, register

app_name = "courses"

urlpatterns = [
    path("", course.catalogue, name="catalogue"),
    path("nyt/", course.course_create, name="create"),
    path("resultater/", goals.outcomes, name="outcomes"),
    path("<int:pk>/", course.course_detail, name="detail"),
    path("<int:pk>/rediger/", course.course_edit, name="edit"),
    path("<int:pk>/moedegange/ny/", register.session_create, name="session_create"),
    path("<int:pk>/tilmeld/", enrolment.enroll, name="enroll"),
    path("moedegang/<int:pk>/", register.session_register, name="register"),
    path(
        "moedegang/<int:pk>/fremmoede/<int:enrollment_id>/",
        register.attendance_set,
        name="attendance_set",
    ),
    path("moedegang/<int:pk>/drop-in/", register.drop_ins, name="drop_ins"),
    path("tilmelding/<int:pk>/ryk-op/", enrolment.move_up, name="move_up"),
    path("tilmelding/<int:pk>/afslut/", enrolment.enrollment_end, name="enrollment_end"),
    path("borger/<int:citizen_id>/maal/nyt/", goals.goal_create, name="goal_create"),
    path("maal/<int:pk>/", goals.goal_detail, name="goal"),
    path("maal/<int:pk>/vurdering/", goals.goal_rate, name="goal_rate"),
]
