from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from astnet import health, views
from astnet.forms import LoginForm

urlpatterns = [
    path("", views.public_home, name="public_home"),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/db", health.healthz_database, name="healthz_database"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("login/totp/", views.second_factor_verify, name="second_factor_verify"),
    path("login/totp/opsaet/", views.second_factor_setup, name="second_factor_setup"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("hjem/", views.home, name="home"),
    path("hjem/medarbejder/", views.home_staff, name="home_staff"),
    path("hjem/leder/", views.home_leader, name="home_leader"),
    path("hjem/raad/", views.home_council, name="home_council"),
    path("hjem/peer-vejleder/", views.home_peer, name="home_peer"),
    path("hjem/administration/", views.home_administration, name="home_administration"),
    path("hjem/databeskyttelse/", views.home_dpo, name="home_dpo"),
    path("audit/", views.audit_log, name="audit_log"),
    path("arbejde/", include("offers.urls")),
    path("", include("offers.public_urls")),
    path("", include("workshops.urls")),
    path("raad/", include("peers.urls")),
    path("peer/", include("peers.mentors_urls")),
    path("borgere/", include("citizens.urls")),
    path("forloeb/", include("citizens.courses_urls")),
    path("databeskyttelse/", include("citizens.rights_urls")),
    path("", include("astnet.dashboard_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
