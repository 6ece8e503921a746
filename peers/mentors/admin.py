"""Admin for the peer training's catalogue: programmes with their modules, languages and themes.

Mentors, cohorts, registers and placements are changed on the coordinator's pages, where the
services keep the rules (certification before placement, a login with every mentor); the admin
shows them read only. Supervision notes are not in the admin at all: only the supervisor and the
mentors present may read them.
"""

from django.contrib import admin

from peers.mentors.models import (
    ExperienceTheme,
    Language,
    PeerMentor,
    Placement,
    TrainingCohort,
    TrainingModule,
    TrainingProgramme,
    YearlyTarget,
)


class TrainingModuleInline(admin.TabularInline):
    model = TrainingModule
    extra = 1


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    inlines = [TrainingModuleInline]


@admin.register(Language, ExperienceTheme)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(YearlyTarget)
class YearlyTargetAdmin(admin.ModelAdmin):
    list_display = ["year", "target_trained"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PeerMentor)
class PeerMentorAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "district", "status", "engagement"]
    list_filter = ["status", "engagement", "district"]


@admin.register(TrainingCohort)
class TrainingCohortAdmin(ReadOnlyAdmin):
    list_display = ["name", "programme", "start", "end", "seats"]


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["mentor", "offer", "start", "end", "hours_per_week", "is_training_placement"]
