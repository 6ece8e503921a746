"""Admin: partners and their weekly hours are set up here; bookings are made in the app."""

from django.contrib import admin

from citizens.outreach.models import CaseworkHours, CaseworkPartner


@admin.register(CaseworkPartner)
class CaseworkPartnerAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(CaseworkHours)
class CaseworkHoursAdmin(admin.ModelAdmin):
    list_display = ["offer", "partner", "weekday", "starts_at", "ends_at"]
    list_filter = ["partner", "offer"]
