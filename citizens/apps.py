from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _sqlite_functions(sender, connection, **kwargs) -> None:
    """SQLite has no bit count; the visit months' counts need one (citizens.visit_months)."""
    if connection.vendor == "sqlite":
        from citizens.visit_months.selectors import bit_count

        connection.connection.create_function("astnet_bit_count", 1, bit_count, deterministic=True)


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = _("Borgere")

    def ready(self) -> None:
        # Importing the access modules registers their rules into the one door (astnet.access).
        import citizens.access
        import citizens.courses.access
        import citizens.follow_up.access
        import citizens.outreach.access
        import citizens.rights.access
        import citizens.satisfaction.access  # noqa: F401

        connection_created.connect(_sqlite_functions, dispatch_uid="citizens_sqlite_functions")
