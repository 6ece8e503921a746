"""The workshops app's models: planning and running a workshop, and what it yields."""

from workshops.models.outcomes import Ballot, Dot, Scenario, ScenarioPoint
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
    Workshop,
    new_voting_code,
)

__all__ = [
    "VOTING_CODE_LENGTH",
    "Ballot",
    "Dot",
    "Input",
    "Milestone",
    "Process",
    "ProgrammeItem",
    "Scenario",
    "ScenarioPoint",
    "Table",
    "Tag",
    "Theme",
    "ThemeQuestion",
    "Workshop",
    # Named by migration 0001 (the voting code's default).
    "new_voting_code",
]
