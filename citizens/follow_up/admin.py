"""Admin for the follow-up rule per offer: a setting an administrator may need to correct."""

from django.contrib import admin

from citizens.follow_up.models import FollowUpSetting


@admin.register(FollowUpSetting)
class FollowUpSettingAdmin(admin.ModelAdmin):
    list_display = ["offer", "threshold_days"]
    list_select_related = ["offer"]
