"""The councils' models, in two modules: the council with its seats, criteria, budgets and
meetings (`councils`), and the applications with their votes and decisions (`applications`)."""

from peers.councils.models.applications import (
    DECIDED_STATES,
    Application,
    ApplicationAttachment,
    Decision,
    Recusal,
    Vote,
    attachment_path,
    private_storage,
)
from peers.councils.models.councils import (
    Budget,
    Council,
    CouncilCriteria,
    CouncilMember,
    CouncilMemberQuerySet,
    Meeting,
)

__all__ = [
    "DECIDED_STATES",
    "Application",
    "ApplicationAttachment",
    "Budget",
    "Council",
    "CouncilCriteria",
    "CouncilMember",
    "CouncilMemberQuerySet",
    "Decision",
    "Meeting",
    "Recusal",
    "Vote",
    "attachment_path",
    "private_storage",
]
