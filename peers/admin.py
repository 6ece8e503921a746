"""The admin pages of both packages; Django's admin autodiscovery imports this module."""

from peers.councils.admin import (
    ApplicationAdmin,
    BudgetAdmin,
    BudgetAdminForm,
    CouncilAdmin,
    CouncilMemberAdmin,
)
from peers.mentors.admin import (
    PeerMentorAdmin,
    PlacementAdmin,
    TagAdmin,
    TrainingCohortAdmin,
    TrainingProgrammeAdmin,
    YearlyTargetAdmin,
)

__all__ = [
    "ApplicationAdmin",
    "BudgetAdmin",
    "BudgetAdminForm",
    "CouncilAdmin",
    "CouncilMemberAdmin",
    "PeerMentorAdmin",
    "PlacementAdmin",
    "TagAdmin",
    "TrainingCohortAdmin",
    "TrainingProgrammeAdmin",
    "YearlyTargetAdmin",
]
