"""The citizen's rights under GDPR (borgerens rettigheder): access (art. 15, indsigt), the
history of corrections (art. 16, berigtigelse) and erasure by anonymisation (art. 17, sletning),
with the retention period and the legal hold.

The writes and reads live by sub-topic in `erasure`, `export` and `history`; this module is the one
name the views, tasks and other services call them by."""

from citizens.rights.duplicates import cpr_duplicates_merge
from citizens.rights.erasure import (
    anonymise,
    anonymise_expired,
    legal_hold_set,
    retention_candidates,
    retention_cutoff,
    retention_days,
    with_last_activity,
)
from citizens.rights.export import export_citizen, export_pdf, export_record
from citizens.rights.history import (
    record_changes,
    revision_rows,
    revisions_for,
    snapshot,
)
from citizens.rights.models import AnonymisationReason

__all__ = [
    "AnonymisationReason",
    "anonymise",
    "anonymise_expired",
    "cpr_duplicates_merge",
    "export_citizen",
    "export_pdf",
    "export_record",
    "legal_hold_set",
    "record_changes",
    "retention_candidates",
    "retention_cutoff",
    "retention_days",
    "revision_rows",
    "revisions_for",
    "snapshot",
    "with_last_activity",
]
