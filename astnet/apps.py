from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AstnetConfig(AppConfig):
    name = "astnet"
    verbose_name = _("astnet")

    def ready(self) -> None:
        from django.contrib import admin
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules

        from astnet import (  # noqa: F401  (registers the deploy checks and login audit receivers)
            checks,
            lookups,
            signals,
        )
        from astnet.admin_audit import audit_admin_views
        from astnet.db_roles import grant_after_migrate

        lookups.register()

        post_migrate.connect(grant_after_migrate, sender=self)
        # Each app declares its personal fields in its own personal_data.py (issue 16), found the
        # way the admin finds admin.py, so the foundation names no app. The admin's views of the
        # models about citizens are then audited (the admin registered its models before this).
        autodiscover_modules("personal_data")
        audit_admin_views(admin.site)


class AstnetAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our default site: its selects read "Vælg …" (astnet/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; AstnetConfig stays this module's default

    default_site = "astnet.admin_site.AstnetAdminSite"
