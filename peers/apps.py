from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    """Two independent packages share this app (label `peers`, its tables and migrations): the
    users' councils (`peers.councils`) and the peer mentors (`peers.mentors`)."""

    name = "peers"
    verbose_name = _("Peer-vejledere og brugerråd")

    def ready(self) -> None:
        # Importing the packages' access modules registers their rules with astnet.access.
        from peers.councils import access as councils_access  # noqa: F401
        from peers.mentors import access as mentors_access  # noqa: F401
