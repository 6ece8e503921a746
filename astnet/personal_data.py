"""One registry of where personal data lives and what anonymisation does to it (issue 16).

Every model that can hold personal data declares here, from its own app's `personal_data.py`
(loaded by the app's `AppConfig.ready()`), each field that can hold it and its treatment. The
anonymisation of a citizen (art. 17, `citizens/rights/erasure.py`) and the nightly retention job
walk this registry, so a model added later is anonymised the day it is declared, and
`tests/astnet/test_personal_data.py` fails for a model with a link to a citizen, a file field or a
free-text field that is not declared.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.db import models


class Treatment(StrEnum):
    """What anonymising a citizen does to a field of the rows about them."""

    CLEAR = "clear"  # emptied: "", None, [] or False as the field allows
    REPLACE = "replace"  # a neutral text where the field may not be empty (PLACEHOLDER)
    DELETE_FILE = (
        "delete_file"  # the stored file is deleted from private storage, the field emptied
    )
    KEEP = "keep"  # holds nothing about the citizen; the declaration says why


# Stored in the rows, whoever's language the request was in: Danish, not translated.
PLACEHOLDER = "Anonymiseret"


@dataclass(frozen=True)
class Declaration:
    """`citizen_path`: the lookup from a row to the citizen it is about ("" when the model is not
    about one citizen, then every field is KEEP with a `reason`). `delete_rows`: the rows are
    deleted (after their files) instead of emptied, for rows that count nothing."""

    label: str
    citizen_path: str
    fields: dict[str, Treatment]
    delete_rows: bool = False
    reason: str = ""
    replacements: dict[str, object] = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


_REGISTRY: dict[str, Declaration] = {}


def declare(
    label: str,
    *,
    citizen_path: str = "",
    fields: dict[str, Treatment],
    delete_rows: bool = False,
    reason: str = "",
    replacements: dict[str, object] | None = None,
) -> None:
    """Declare a model's personal fields. `replacements` give a field's neutral value where it is
    not PLACEHOLDER (the citizen's own name). Raises ValueError on a second declaration or a KEEP
    without a reason."""
    if label in _REGISTRY:
        raise ValueError(f"{label} is declared twice")
    if Treatment.KEEP in fields.values() and not reason:
        raise ValueError(f"{label}: say why a field is kept")
    _REGISTRY[label] = Declaration(
        label, citizen_path, dict(fields), delete_rows, reason, dict(replacements or {})
    )


def declarations() -> dict[str, Declaration]:
    return dict(_REGISTRY)


def about_citizens() -> list[Declaration]:
    """The declarations of rows about one citizen, in the order they are anonymised: children
    before the rows they hang from (a longer path first), the citizen last."""
    return sorted(
        (d for d in _REGISTRY.values() if d.citizen_path),
        key=lambda d: (d.citizen_path == "pk", -d.citizen_path.count("__")),
    )


def empty_value(model_field: models.Field):
    """A field's empty value: None where it may be null, else what its kind has for nothing."""
    if model_field.null:
        return None
    if isinstance(model_field, models.JSONField):
        return model_field.get_default()
    if isinstance(model_field, models.BooleanField):
        return False
    return ""


def anonymise_rows(citizen) -> None:
    """Apply every declaration to the rows about `citizen`. Runs inside the caller's transaction;
    stored files are deleted once it commits, so a rollback loses no file."""
    from django.db import transaction

    for declaration in about_citizens():
        model = declaration.model
        rows = model._default_manager.filter(**{declaration.citizen_path: citizen.pk})
        files = [
            name
            for name, treatment in declaration.fields.items()
            if treatment == Treatment.DELETE_FILE
        ]
        for name in files:
            stored = [
                (getattr(row, name).storage, getattr(row, name).name)
                for row in rows.exclude(**{name: ""}).only("pk", name)
            ]
            transaction.on_commit(lambda stored=stored: _delete_files(stored))
        if declaration.delete_rows:
            rows.delete()
            continue
        changes = {}
        for name, treatment in declaration.fields.items():
            model_field = model._meta.get_field(name)
            if treatment in (Treatment.CLEAR, Treatment.DELETE_FILE):
                changes[name] = empty_value(model_field)
            elif treatment == Treatment.REPLACE:
                replacement = declaration.replacements.get(name, PLACEHOLDER)
                # An empty text stays empty: a placeholder would make it look filled in.
                rows.exclude(**{name: ""}).update(**{name: replacement})
        if changes:
            rows.update(**changes)


def _delete_files(stored) -> None:
    for storage, name in stored:
        storage.delete(name)


declare(
    "astnet.report",
    fields={"file": Treatment.KEEP, "numbers_file": Treatment.KEEP},
    reason="A committee report and its numbers: figures after small-number suppression, no one's data.",
)


# The apps whose models this registry covers (Django's own and third-party apps hold no citizen).
PROJECT_APPS = ("astnet", "offers", "citizens", "peers", "workshops")


def problems(candidates=None) -> list[str]:
    """What the registry misses, as readable lines (empty when complete). A model must be declared
    when it is the citizen, has a foreign key to a citizen or to a row about one, or has a file or
    free-text field; a model about a citizen needs a path to them, and every file and free-text
    field needs a treatment (issue 16). `candidates` defaults to every model of PROJECT_APPS."""
    citizen_model = apps.get_model("citizens", "Citizen")
    about = {d.model for d in _REGISTRY.values() if d.citizen_path}
    if candidates is None:
        candidates = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]
    lines = []
    for model in candidates:
        label = model._meta.label_lower
        declaration = _REGISTRY.get(label)
        links = [
            f.name
            for f in model._meta.get_fields()
            if f.is_relation
            and f.concrete
            and (f.related_model is citizen_model or f.related_model in about)
        ]
        loose = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.TextField | models.FileField)
        ]
        if model is citizen_model:
            links.append("pk")
        if not (links or loose):
            continue
        if declaration is None:
            lines.append(f"{label}: not declared (links {links}, free text or files {loose})")
            continue
        if links and not declaration.citizen_path:
            lines.append(f"{label}: about a citizen through {links} but declared with no path")
        lines += [
            f"{label}.{name}: no treatment declared"
            for name in loose
            if name not in declaration.fields
        ]
    return lines
