from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Installed for its management command `seed_demo`; it has no models."""

    name = "astnet.demo"
    label = "demo"
    verbose_name = _("Demodata")
