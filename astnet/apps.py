from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AstnetConfig(AppConfig):
    name = "astnet"
    verbose_name = _("astnet")

    def ready(self) -> None:
        from astnet import (  # noqa: F401  (registers the deploy checks and login audit receivers)
            checks,
            signals,
        )
