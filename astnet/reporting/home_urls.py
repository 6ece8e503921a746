"""The public front page and the role home pages (URL names without a namespace, as before)."""

from django.urls import path

from astnet.reporting import home_views

urlpatterns = [
    path("", home_views.public_home, name="public_home"),
    path("hjem/", home_views.home, name="home"),
    path("hjem/medarbejder/", home_views.home_staff, name="home_staff"),
    path("hjem/leder/", home_views.home_leader, name="home_leader"),
    path("hjem/raad/", home_views.home_council, name="home_council"),
    path("hjem/peer-vejleder/", home_views.home_peer, name="home_peer"),
    path("hjem/administration/", home_views.home_administration, name="home_administration"),
    path("hjem/databeskyttelse/", home_views.home_dpo, name="home_dpo"),
]
