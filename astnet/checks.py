"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
