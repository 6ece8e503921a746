from django.contrib import admin

from workshops.models import (
    Input,
    Milestone,
    Process,
    ProgrammeItem,
    Scenario,
    ScenarioPoint,
    Table,
    Tag,
    Theme,
    ThemeQuestion,
    Workshop,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    inlines = [MilestoneInline, ThemeInline]


class ThemeQuestionInline(admin.TabularInline):
    model = ThemeQuestion
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "order"]
    list_filter = ["process"]
    inlines = [ThemeQuestionInline]


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class TableInline(admin.TabularInline):
    model = Table
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "date", "process"]
    list_filter = ["district", "process"]
    readonly_fields = ["voting_code"]
    inlines = [ProgrammeItemInline, TableInline]


@admin.register(Input)
class InputAdmin(admin.ModelAdmin):
    list_display = ["text", "theme", "table"]
    list_select_related = ["theme", "table"]
    raw_id_fields = ["table", "question", "created_by"]


class ScenarioPointInline(admin.TabularInline):
    model = ScenarioPoint
    extra = 0


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "process", "status"]
    list_filter = ["status", "district"]
    filter_horizontal = ["inputs"]
    inlines = [ScenarioPointInline]


admin.site.register(Tag)
