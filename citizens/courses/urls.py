from django.urls import path

from citizens.courses import views

app_name = "courses"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("nyt/", views.course_create, name="create"),
    path("resultater/", views.outcomes, name="outcomes"),
    path("<int:pk>/", views.course_detail, name="detail"),
    path("<int:pk>/rediger/", views.course_edit, name="edit"),
    path("<int:pk>/moedegange/ny/", views.session_create, name="session_create"),
    path("<int:pk>/tilmeld/", views.enroll, name="enroll"),
    path("moedegang/<int:pk>/", views.session_register, name="register"),
    path(
        "moedegang/<int:pk>/fremmoede/<int:enrollment_id>/",
        views.attendance_set,
        name="attendance_set",
    ),
    path("moedegang/<int:pk>/drop-in/", views.drop_ins, name="drop_ins"),
    path("tilmelding/<int:pk>/ryk-op/", views.move_up, name="move_up"),
    path("tilmelding/<int:pk>/afslut/", views.enrollment_end, name="enrollment_end"),
    path("borger/<int:citizen_id>/maal/nyt/", views.goal_create, name="goal_create"),
    path("maal/<int:pk>/", views.goal_detail, name="goal"),
    path("maal/<int:pk>/vurdering/", views.goal_rate, name="goal_rate"),
]
