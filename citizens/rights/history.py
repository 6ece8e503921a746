"""Rectification (art. 16, berigtigelse): the history of every change to a citizen."""

from django.db.models import QuerySet

from citizens.models import Citizen
from citizens.rights.models import CitizenRevision
from citizens.rights.values import (
    CPR_FIELD,
    HIDDEN_FIELDS,
    challenge_labels,
    field_label,
    person_name,
    readable,
)

# Fields whose history is kept: everything staff can see and correct on the citizen.
TRACKED_FIELDS = (
    "chosen_name",
    "birth_year",
    "district",
    "contact_person",
    "wants_contact",
    "phone",
    "email",
    "challenges",
)
HOME_OFFERS_FIELD = "home_offers"
# Revisions are stored text, read later in any language: kept in Danish, not translated.


def snapshot(citizen: Citizen) -> dict[str, str]:
    """The tracked fields and the home offers (names) as text, plus the CPR hash (only compared,
    never stored). One query for the home offers; take it before and after a change."""
    values = {name: _as_text(name, getattr(citizen, name)) for name in TRACKED_FIELDS}
    values[HOME_OFFERS_FIELD] = ", ".join(
        sorted(citizen.home_offers.values_list("name", flat=True))
    )
    values[CPR_FIELD] = citizen.cpr_hash or ""
    return values


def _as_text(name: str, value) -> str:
    if name == "challenges" and isinstance(value, list):
        return challenge_labels(value)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    text = readable(value)
    return "" if text is None else str(text)


def record_changes(citizen: Citizen, before: dict, after: dict, by) -> list[CitizenRevision]:
    """Keep one revision per field that changed between `before` and `after` (field name → value,
    as `snapshot` gives them or plain values), naming `by` (a user, or None for the system).

    The one writer of the history (issue 15): every service that changes a citizen calls it in its
    own transaction, with who made the change. Returns the revisions written.
    """
    written = []
    for name in sorted(set(before) & set(after)):
        if name in HIDDEN_FIELDS:
            continue
        old, new = _as_text(name, before[name]), _as_text(name, after[name])
        if old == new:
            continue
        if name == CPR_FIELD:
            # Never the number itself, nor its hash: only that it changed.
            old, new = "", "CPR ændret"
        written.append(
            CitizenRevision(
                citizen=citizen, field_name=name, old_value=old, new_value=new, changed_by=by
            )
        )
    return CitizenRevision.objects.bulk_create(written)


def revisions_for(citizen: Citizen) -> QuerySet:
    return CitizenRevision.objects.filter(citizen=citizen).select_related("changed_by")


def revision_rows(revisions) -> list[dict]:
    return [
        {
            "changed_at": revision.changed_at,
            "changed_by": person_name(revision.changed_by),
            "field": field_label(Citizen, revision.field_name),
            "old": revision.old_value,
            "new": revision.new_value,
        }
        for revision in revisions
    ]
