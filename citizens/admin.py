"""Admin for the settings an administrator may need; personal data stays in the app's own pages,
where every view is audited."""

from django.contrib import admin

from citizens.models import FollowUpSetting


@admin.register(FollowUpSetting)
class FollowUpSettingAdmin(admin.ModelAdmin):
    list_display = ["offer", "threshold_days"]
    list_select_related = ["offer"]
