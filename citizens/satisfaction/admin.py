"""Admin: the survey's questions are edited here; responses are only read (they are anonymous)."""

from django.contrib import admin

from citizens.satisfaction.models import SurveyQuestion, SurveyResponse


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "position", "active"]
    list_editable = ["position", "active"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["offer", "day", "kind"]
    list_filter = ["kind", "offer"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
