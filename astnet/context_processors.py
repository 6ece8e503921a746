"""Template context every page gets: the navigation for the user's roles."""

from django.conf import settings
from django.http import HttpRequest

from astnet import access
from astnet.models import Role
from astnet.navigation import menu


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    held = access.roles_in_order(user) if user is not None else []
    labels = dict(Role.choices)
    return {
        "nav_menu": menu(user, request.path),
        "user_role_labels": [labels[r] for r in held],
        "oidc_enabled": settings.OIDC_ENABLED,
    }
