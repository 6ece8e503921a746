from django.contrib import admin

from astnet.models import AuditEvent, DistrictTargetShare, Membership, Municipality, Report


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "offer", "district", "council"]
    list_filter = ["role", "district"]
    autocomplete_fields = ["user"]
    search_fields = ["user__username"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "actor", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action", "object_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DistrictTargetShare)
class DistrictTargetShareAdmin(admin.ModelAdmin):
    """Where the target group lives: the city overview sets offers against these shares."""

    list_display = ["district", "share_permille", "year"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: reports are ordered on the report page, never written by hand."""

    list_display = ["__str__", "ordered_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status"]
    exclude = ["file"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    """The one municipality record (issue 21): its name and the words every page uses."""

    list_display = ["name", "administration", "committee"]

    def has_add_permission(self, request) -> bool:
        return not Municipality.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
