from django.contrib import admin

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


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "leader_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "lead_district"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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
class OfferAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "status", "profile", "operator_kind"]
    list_filter = ["district", "status", "profile", "operator_kind", "target_groups"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["target_groups"]
    inlines = [OpeningHoursInline, OpeningExceptionInline, OfferAddressChangeInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "offer", "kind", "schedule", "weekday", "date", "start_time"]
    list_filter = ["kind", "schedule", "offer__district"]
    search_fields = ["title", "offer__name"]
    list_select_related = ["offer"]
