"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    if settings.REQUIRE_OTP:
        return []
    return [
        Warning(
            "Leaders, administration and the data-protection officer can log in without a second "
            "factor.",
            hint="Set REQUIRE_OTP=1 in production.",
            id="astnet.W001",
        )
    ]


@register(Tags.security, Tags.database, deploy=True)
def runtime_role_is_no_superuser(app_configs, databases=None, **kwargs):
    """Issue 16: a superuser passes every privilege check and can disable the audit triggers."""
    from django.db import connection

    if connection.vendor != "postgresql" or not databases:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    if not row or not row[0]:
        return []
    return [
        Warning(
            "The application connects to PostgreSQL as a superuser, which can alter the audit log.",
            hint="Connect as the runtime role (README: Security and operations).",
            id="astnet.W002",
        )
    ]


@register(Tags.security)
def identity_provider_configured(app_configs, **kwargs):
    """Caught at start (`check` runs before migrate and runserver), not by the first user."""
    from astnet.oidc import configuration_problems

    return [
        Error(
            f"Login through the municipality's identity provider is misconfigured: {problem}.",
            hint="See README, Deployment: the municipality's login.",
            id="astnet.E017",
        )
        for problem in configuration_problems()
    ]
