"""The peer mentors' models, in two modules: the training (`training`) and the mentors with their
placements, meetings and supervision (`mentors`)."""

from peers.mentors.models.mentors import (
    ExperienceTheme,
    Language,
    PeerMeeting,
    PeerMentor,
    Placement,
    Supervision,
)
from peers.mentors.models.training import (
    ModuleAttendance,
    ModuleSession,
    Participation,
    TrainingCohort,
    TrainingModule,
    TrainingProgramme,
    YearlyTarget,
)

__all__ = [
    "ExperienceTheme",
    "Language",
    "ModuleAttendance",
    "ModuleSession",
    "Participation",
    "PeerMeeting",
    "PeerMentor",
    "Placement",
    "Supervision",
    "TrainingCohort",
    "TrainingModule",
    "TrainingProgramme",
    "YearlyTarget",
]
