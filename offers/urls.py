from django.urls import path

from offers import views

app_name = "offers"

urlpatterns = [
    path("tilbud/<int:pk>/", views.staff_offer, name="staff_offer"),
    path("tilbud/<int:pk>/rediger/", views.offer_edit, name="offer_edit"),
    path("tilbud/<int:pk>/luk/", views.offer_close, name="offer_close"),
    path("tilbud/<int:pk>/program/", views.programme_manage, name="programme_manage"),
    path("tilbud/<int:pk>/aabningstider/ny/", views.hours_create, name="hours_create"),
    path("aabningstider/<int:pk>/", views.hours_edit, name="hours_edit"),
    path("aabningstider/<int:pk>/slet/", views.hours_delete, name="hours_delete"),
    path("tilbud/<int:pk>/afvigelser/ny/", views.exception_create, name="exception_create"),
    path("afvigelser/<int:pk>/", views.exception_edit, name="exception_edit"),
    path("afvigelser/<int:pk>/slet/", views.exception_delete, name="exception_delete"),
    path("tilbud/<int:pk>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/slet/", views.activity_delete, name="activity_delete"),
    path("omstilling/", views.transition, name="transition"),
]
