"""Rectification (art. 16, berigtigelse): the history of every change to a citizen."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

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
# A signal's revision and the caller's own `record_changes` for the same save are one change.
SAME_CHANGE_WINDOW = datetime.timedelta(minutes=1)
SET_STEPS_WINDOW = datetime.timedelta(seconds=5)
# Revisions are stored text, read later in any language: kept in Danish, not translated.


def snapshot(citizen: Citizen) -> dict[str, str]:
    """The tracked fields as text, plus the CPR hash (only compared, never stored)."""
    values = {name: _as_text(name, getattr(citizen, name)) for name in TRACKED_FIELDS}
    values[CPR_FIELD] = citizen.cpr_hash or ""
    return values


def snapshot_from_db(pk: int) -> dict[str, str] | None:
    stored = Citizen.objects.select_related("district", "contact_person").filter(pk=pk).first()
    return None if stored is None else snapshot(stored)


def _as_text(name: str, value) -> str:
    if name == "challenges" and isinstance(value, list):
        return challenge_labels(value)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    text = readable(value)
    return "" if text is None else str(text)


def record_changes(citizen: Citizen, before: dict, after: dict, by) -> list[CitizenRevision]:
    """Keep one revision per field that changed between `before` and `after` (field name → value).

    The citizen's edit service may call this with the user who made the change; the signals in
    `citizens/rights_models.py` call it without one. When both do for the same save, the caller's
    call names the user on the signal's revision instead of writing it twice.
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
        written.append(_write_revision(citizen, name, old, new, by))
    return written


def _write_revision(citizen: Citizen, name: str, old: str, new: str, by) -> CitizenRevision:
    if by is not None:
        unnamed = CitizenRevision.objects.filter(
            citizen=citizen,
            field_name=name,
            old_value=old,
            new_value=new,
            changed_by__isnull=True,
            changed_at__gte=timezone.now() - SAME_CHANGE_WINDOW,
        ).first()
        if unnamed is not None:
            unnamed.changed_by = by
            unnamed.save(update_fields=["changed_by"])
            return unnamed
    return CitizenRevision.objects.create(
        citizen=citizen, field_name=name, old_value=old, new_value=new, changed_by=by
    )


def home_offers_text(citizen: Citizen) -> str:
    return ", ".join(sorted(citizen.home_offers.values_list("name", flat=True)))


def record_home_offers(citizen: Citizen, before: str) -> None:
    after = home_offers_text(citizen)
    if before == after:
        return
    # `set()` removes and then adds: the two steps of one change make one revision.
    previous_step = CitizenRevision.objects.filter(
        citizen=citizen,
        field_name=HOME_OFFERS_FIELD,
        new_value=before,
        changed_at__gte=timezone.now() - SET_STEPS_WINDOW,
    ).first()
    if previous_step is not None:
        previous_step.new_value = after
        previous_step.save(update_fields=["new_value"])
    else:
        _write_revision(citizen, HOME_OFFERS_FIELD, before, after, None)


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
