from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = _("Borgere")

    def ready(self) -> None:
        # Importing the access modules registers their rules into the one door (astnet.access).
        import citizens.access
        import citizens.courses.access
        import citizens.follow_up.access
        import citizens.rights.access  # noqa: F401
