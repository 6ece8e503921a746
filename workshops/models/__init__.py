"""The workshops app's models: planning and running a workshop, and what it yields."""

from workshops.models.outcomes import (
    PARTICIPANT_CODE_LENGTH,
    Ballot,
    Dot,
    ParticipantCode,
    Scenario,
    ScenarioPoint,
    VotingRound,
    new_participant_code,
)
from workshops.models.planning import (
    VOTING_CODE_LENGTH,
    Input,
    Milestone,
    Process,
    ProgrammeItem,
    Table,
    Tag,
    Theme,
    ThemeQuestion,
    VotingMode,
    Workshop,
    new_voting_code,
)

__all__ = [
    "PARTICIPANT_CODE_LENGTH",
    "VOTING_CODE_LENGTH",
    "Ballot",
    "Dot",
    "Input",
    "Milestone",
    "ParticipantCode",
    "Process",
    "ProgrammeItem",
    "Scenario",
    "ScenarioPoint",
    "Table",
    "Tag",
    "Theme",
    "ThemeQuestion",
    "VotingMode",
    "VotingRound",
    "Workshop",
    "new_participant_code",
    # Named by migration 0001 (the voting code's default).
    "new_voting_code",
]
