from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from astnet.slugs import slugify
from offers.models import (
    Activity,
    District,
    Offer,
    OfferAddressChange,
    OldSlug,
    OpeningException,
    OpeningHours,
    TargetGroup,
    Track,
)


class SlugFromNameAdmin(admin.ModelAdmin):
    """A slug left empty is made from the name by the one slug function (astnet/slugs.py), not
    by the admin's JavaScript, which drops æ, ø and å the way Django's slugify did (issue 18).

    A slug that was made from the name follows the name when it changes; one chosen by hand
    stays. Either way, a slug given up is kept as an OldSlug, so its old links redirect."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = _(
            "Tom: laves af navnet (æ bliver ae, ø oe, å aa). Et kort navn lavet af navnet følger "
            "med, når navnet ændres; gamle links sendes videre til det nye."
        )
        return form

    def save_model(self, request, obj, form, change) -> None:
        max_length = type(obj)._meta.get_field("slug").max_length
        stored = None
        if change:
            stored = type(obj).objects.values("name", "slug").get(pk=obj.pk)
            made_from_old_name = stored["slug"] == slugify(stored["name"], max_length=max_length)
            follows = obj.name != stored["name"] and obj.slug == stored["slug"]
            if follows and made_from_old_name:
                new_slug = slugify(obj.name, max_length=max_length)
                # Another row with that slug keeps it; this one then keeps its own.
                if not type(obj).objects.filter(slug=new_slug).exclude(pk=obj.pk).exists():
                    obj.slug = new_slug
        if not obj.slug:
            obj.slug = slugify(obj.name, max_length=max_length)
        super().save_model(request, obj, form, change)
        if stored is not None and stored["slug"] != obj.slug:
            # Old links (printed programmes, subscribed calendars, filtered lists) keep working.
            # The newest holder of a slug takes over its old links.
            link = type(obj).old_slugs.field.name
            OldSlug.objects.update_or_create(
                slug=stored["slug"], **{f"{link}__isnull": False}, defaults={link: obj}
            )
            # Named back to a slug it had before: that one is current again, not old.
            obj.old_slugs.filter(slug=obj.slug).delete()


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
