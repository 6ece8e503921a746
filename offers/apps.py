from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Tilbud")

    def ready(self) -> None:
        from offers import (  # noqa: F401  (registers the access rules, connects the receivers)
            access,
            signals,
        )

        signals.connect_programme_page_receivers()
