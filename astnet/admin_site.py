"""The Django admin's site: every select in every admin form reads "Vælg …" where Django writes
"---------", like every other select on the site (issue 20).

Done once, where an admin class is registered, so an admin added later (and its inlines) is
covered without remembering a mixin; the site is the default one (`astnet.apps.AstnetAdminConfig`),
so `@admin.register` and `admin.site` keep working unchanged.
"""

from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin

from astnet.forms import EMPTY_LABEL, danish_empty_choice


class DanishEmptyChoiceMixin:
    """Mixed into a ModelAdmin or an inline: selects and the action menu start with "Vælg …"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            danish_empty_choice(field)
        return field

    def get_action_choices(self, request, default_choices=None):
        return super().get_action_choices(request, default_choices=[("", EMPTY_LABEL)])


def with_danish_empty_choice(admin_class: type[BaseModelAdmin]) -> type[BaseModelAdmin]:
    """`admin_class` (and each of its inlines) with DanishEmptyChoiceMixin mixed in first; a class
    that already has it is returned as it is."""
    if issubclass(admin_class, DanishEmptyChoiceMixin):
        return admin_class
    attrs = {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__}
    if getattr(admin_class, "inlines", None):
        attrs["inlines"] = [with_danish_empty_choice(inline) for inline in admin_class.inlines]
    return type(admin_class.__name__, (DanishEmptyChoiceMixin, admin_class), attrs)


class AstnetAdminSite(admin.AdminSite):
    """The default admin site, registering every admin class with the Danish empty choice."""

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        admin_class = with_danish_empty_choice(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)
