"""Stored values as people read them: field labels and values for the export and history."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from citizens.models import Challenge, Citizen
from citizens.rights.models import CitizenRevision

CPR_FIELD = "cpr"
HIDDEN_FIELDS = {"cpr_encrypted", "cpr_hash"}
# Rows whose own name means nothing to a reader are named by what they point at.
NAMED_THROUGH = {"citizens.enrollment": "course"}


def model_or_none(label: str) -> type[models.Model] | None:
    """A model another helper app may not have yet: the rights cover what exists."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def readable(value) -> str | int | bool | None:
    """A stored value as a readable JSON value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        if isinstance(value, get_user_model()):
            return person_name(value)
        via = NAMED_THROUGH.get(value._meta.label_lower)
        return str(getattr(value, via)) if via else str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def iso_datetime(value: datetime.datetime) -> str:
    """ISO 8601 in local time (TIME_ZONE) with its offset, to the second: 2026-03-01T14:05:00+01:00."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def machine_value(value):
    """A value for the JSON export: date-times in ISO 8601 with their offset (issue 16)."""
    if isinstance(value, datetime.datetime):
        return iso_datetime(value)
    return value


def challenge_labels(values) -> str:
    labels = dict(Challenge.choices)
    return ", ".join(str(labels.get(value, value)) for value in values or [])


def field_value(obj: models.Model, field, *, iso: bool = False):
    """The value as people read it; with `iso`, a date-time stays a datetime for the caller to
    write as ISO 8601."""
    if iso and isinstance(field, models.DateTimeField):
        return field.value_from_object(obj)
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        return readable(getattr(obj, field.name))
    if isinstance(obj, Citizen) and field.name == "challenges":
        return challenge_labels(obj.challenges)
    if isinstance(obj, CitizenRevision) and field.name == "field_name":
        return field_label(Citizen, obj.field_name)
    value = field.value_from_object(obj)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else ""
    return readable(value)


# Fields declared without a verbose_name get Django's English one ("created at"); the Danish PDF
# must not show it (issue 16). Every field the export reaches has either its own label or one here
# (tests/rights/test_export.py walks them all).
COMMON_LABELS = {
    "id": _lazy("nummer"),
    "created_at": _lazy("oprettet"),
    "updated_at": _lazy("ændret"),
    "recorded_by": _lazy("registreret af"),
    "at": _lazy("tidspunkt"),
}


def field_label(model: type[models.Model], name: str) -> str:
    if name == CPR_FIELD:
        return _("CPR-nummer")
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if not has_own_label(field) and name in COMMON_LABELS:
        return capfirst(str(COMMON_LABELS[name]))
    return capfirst(str(field.verbose_name))


def has_own_label(field) -> bool:
    """False when Django made the label from the field's English name."""
    return getattr(field, "_verbose_name", None) is not None
