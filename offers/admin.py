from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from astnet.slugs import slugify
from offers.models import (
    Activity,
    District,
    Offer,
    OfferAddressChange,
    OpeningException,
    OpeningHours,
    TargetGroup,
    Track,
)


class SlugFromNameAdmin(admin.ModelAdmin):
    """A slug left empty is made from the name by the one slug function (astnet/slugs.py), not
    by the admin's JavaScript, which drops æ, ø and å the way Django's slugify did (issue 18)."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = _("Tom: laves af navnet (æ bliver ae, ø oe, å aa).")
        return form

    def save_model(self, request, obj, form, change) -> None:
        if not obj.slug:
            max_length = type(obj)._meta.get_field("slug").max_length
            obj.slug = slugify(obj.name, max_length=max_length)
        old_slug = None
        if change and hasattr(obj, "old_slugs"):
            old_slug = type(obj).objects.values_list("slug", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if old_slug is not None and old_slug != obj.slug:
            # Old links (printed programmes, subscribed calendars) keep working.
            obj.old_slugs.get_or_create(slug=old_slug)


@admin.register(District)
class DistrictAdmin(SlugFromNameAdmin):
    list_display = ["name", "leader_name"]


@admin.register(Track)
class TrackAdmin(SlugFromNameAdmin):
    list_display = ["name", "lead_district"]


@admin.register(TargetGroup)
class TargetGroupAdmin(SlugFromNameAdmin):
    list_display = ["name"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


class OfferAddressChangeInline(admin.TabularInline):
    """Moves are recorded by the leader's edit page (with the day they take effect); shown here."""

    model = OfferAddressChange
    extra = 0
    can_delete = False
    fields = ["changed_on", "old_address", "new_address", "recorded_by", "recorded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Offer)
class OfferAdmin(SlugFromNameAdmin):
    list_display = ["name", "district", "status", "profile", "operator_kind"]
    list_filter = ["district", "status", "profile", "operator_kind", "target_groups"]
    search_fields = ["name", "address"]
    filter_horizontal = ["target_groups"]
    inlines = [OpeningHoursInline, OpeningExceptionInline, OfferAddressChangeInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "offer", "kind", "schedule", "weekday", "date", "start_time"]
    list_filter = ["kind", "schedule", "offer__district"]
    search_fields = ["title", "offer__name"]
    list_select_related = ["offer"]
