from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Installed so Celery's autodiscovery finds `astnet.reporting.tasks`; it has no models."""

    name = "astnet.reporting"
    label = "reporting"
    verbose_name = _("Nøgletal og rapporter")
