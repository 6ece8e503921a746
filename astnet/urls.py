from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from astnet import health, views
from astnet.forms import LoginForm

urlpatterns = [
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
    # The roof (astnet.reporting) by string: the foundation imports no app.
    path("", include("astnet.reporting.home_urls")),
    path("audit/", views.audit_log, name="audit_log"),
    path("arbejde/", include("offers.urls")),
    path("", include("offers.public_urls")),
    path("", include("workshops.urls")),
    path("raad/", include("peers.councils.urls")),
    path("peer/", include("peers.mentors.urls")),
    path("borgere/", include("citizens.urls")),
    path("forloeb/", include("citizens.courses.urls")),
    path("databeskyttelse/", include("citizens.rights.urls")),
    path("", include("astnet.reporting.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Login through the municipality's identity provider (astnet/oidc.py); 404 while it is off.
    path("oidc/", include("mozilla_django_oidc.urls")),
]
