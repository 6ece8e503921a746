"""Access (art. 15, indsigt): everything stored about one citizen, as JSON and as a PDF.

The export walks the citizen's reverse relations, so a model another app adds about a citizen is in
the export the day it exists.

The JSON is for machines as much as for people (issue 16): its keys are field and model names that
do not change with the interface language (the readable labels travel beside them, under
"labels"), and date-times are ISO 8601 with their UTC offset."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.formats import format_date
from astnet.models import AuditEvent
from astnet.pdf import render_pdf
from citizens import cpr
from citizens.models import Citizen
from citizens.rights.values import (
    HIDDEN_FIELDS,
    field_label,
    field_value,
    iso_datetime,
    machine_value,
    model_or_none,
    person_name,
    readable,
)

# The export's sections in the order a reader expects; models added later follow alphabetically.
SECTION_ORDER = (
    "citizens.visit",
    "citizens.expectationtalk",
    "citizens.consent",
    "citizens.followup",
    "citizens.outreach",
    "citizens.enrollment",
    "citizens.goal",
    "peers.application",
    "citizens.citizenrevision",
    "citizens.citizenprivacy",
)


def _has_citizen_fk(model: type[models.Model]) -> bool:
    return any(
        field.is_relation and field.many_to_one and field.related_model is Citizen
        for field in model._meta.get_fields()
    )


def _field_names(model: type[models.Model], skip: str | None) -> list[str]:
    return [
        field.name
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.name not in HIDDEN_FIELDS and field.name != skip
    ]


def _labels(model: type[models.Model], skip: str | None) -> dict[str, str]:
    return {name: field_label(model, name) for name in _field_names(model, skip)}


def _row(obj: models.Model, skip: str | None) -> dict:
    """Field name → value, the keys the same in every language."""
    fields = {}
    for field in obj._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS or field.name == skip:
            continue
        fields[field.name] = machine_value(field_value(obj, field, iso=True))
    for field in obj._meta.many_to_many:
        if field.name == skip:
            continue
        fields[field.name] = ", ".join(
            str(readable(item)) for item in getattr(obj, field.name).all()
        )
    return fields


def _objects(model: type[models.Model], lookup: dict, skip: str) -> list[models.Model]:
    related = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.name != skip and field.name not in HIDDEN_FIELDS
    ]
    return list(
        model._default_manager.filter(**lookup)
        .select_related(*related)
        .prefetch_related(*[field.name for field in model._meta.many_to_many])
        .order_by("pk")
    )


def _children(model: type[models.Model], parents: list[models.Model]):
    """Rows one level down that belong to the app's own records about the citizen and are not
    themselves about the citizen directly (those have their own section)."""
    for relation in model._meta.related_objects:
        child = relation.related_model
        if not (relation.one_to_many or relation.one_to_one):
            continue
        if child._meta.app_label != model._meta.app_label or _has_citizen_fk(child):
            continue
        field = relation.field
        grouped: dict[int, list[dict]] = {}
        for obj in _objects(child, {f"{field.name}__in": parents}, field.name):
            grouped.setdefault(getattr(obj, field.attname), []).append(
                {"id": obj.pk, "fields": _row(obj, field.name), "sections": []}
            )
        yield child, field.name, grouped


def _section(model: type[models.Model], lookup: dict, skip: str, nested: bool) -> dict:
    objects = _objects(model, lookup, skip)
    rows = [{"id": obj.pk, "fields": _row(obj, skip), "sections": []} for obj in objects]
    if nested and objects:
        by_id = {row["id"]: row for row in rows}
        for child, parent_field, grouped in _children(model, objects):
            for parent_id, child_rows in grouped.items():
                by_id[parent_id]["sections"].append(
                    {
                        "model": child._meta.label_lower,
                        "title": capfirst(str(child._meta.verbose_name_plural)),
                        "labels": _labels(child, parent_field),
                        "rows": child_rows,
                    }
                )
    return {
        "model": model._meta.label_lower,
        "title": capfirst(str(model._meta.verbose_name_plural)),
        "labels": _labels(model, skip),
        "rows": rows,
    }


def _audit_rows(citizen: Citizen, sections: list[dict]) -> list[dict]:
    about = Q(object_type=Citizen._meta.label_lower, object_id=str(citizen.pk))
    for section in sections:
        ids = [str(row["id"]) for row in section["rows"]]
        if ids:
            about |= Q(object_type=section["model"], object_id__in=ids)
    labels = {}
    events = AuditEvent.objects.filter(about).select_related("actor").order_by("at", "pk")
    rows = []
    for event in events:
        if event.object_type not in labels:
            labels[event.object_type] = _object_type_label(event.object_type)
        rows.append(
            {
                "at": iso_datetime(event.at),
                "user": person_name(event.actor),
                "action": event.action,
                "action_label": event.get_action_display(),
                "object_type": event.object_type,
                "object_id": event.object_id,
                "object": f"{labels[event.object_type]} {event.object_id}",
                "detail": event.detail,
            }
        )
    return rows


def _audit_labels() -> dict[str, str]:
    return {
        "at": _("Tidspunkt"),
        "user": _("Bruger"),
        "action_label": _("Handling"),
        "object": _("Om"),
        "detail": _("Detalje"),
    }


def _object_type_label(object_type: str) -> str:
    model = model_or_none(object_type)
    return capfirst(str(model._meta.verbose_name)) if model else object_type


def _cpr_masked(citizen: Citizen) -> str:
    if not citizen.cpr_encrypted:
        return ""
    try:
        return cpr.mask(cpr.decrypt(citizen.cpr_encrypted))
    except ValidationError:
        return "XXXXXX-XXXX"


def _section_key(relation) -> tuple[int, str]:
    label = relation.related_model._meta.label_lower
    position = SECTION_ORDER.index(label) if label in SECTION_ORDER else len(SECTION_ORDER)
    return position, str(relation.related_model._meta.verbose_name_plural)


def export_citizen(citizen: Citizen) -> dict:
    """Everything stored about one citizen, readable: field labels as people see them."""
    citizen = (
        Citizen.objects.select_related("district", "contact_person")
        .prefetch_related("home_offers")
        .get(pk=citizen.pk)
    )
    sections = [
        _section(
            relation.related_model,
            {relation.field.name: citizen},
            relation.field.name,
            nested=relation.related_model._meta.app_label == Citizen._meta.app_label,
        )
        for relation in sorted(Citizen._meta.related_objects, key=_section_key)
    ]
    masked = _cpr_masked(citizen)
    return {
        "format": "astnet-indsigt/2",
        "language": get_language(),
        "title": _("Indsigt: oplysninger om en borger"),
        "generated_at": iso_datetime(timezone.now()),
        "citizen": {
            "id": citizen.pk,
            "labels": _labels(Citizen, None),
            "fields": _row(citizen, None),
        },
        "cpr": {
            "masked": masked,
            "note": _(
                "Det fulde CPR-nummer er registreret. Af sikkerhedshensyn vises det kun maskeret "
                "her; borgeren kan få det oplyst ved henvendelse."
            ),
        }
        if masked
        else None,
        "sections": sections,
        "audit_labels": _audit_labels(),
        "audit_events": _audit_rows(citizen, sections),
    }


WIDE_SECTION = 6
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def _printable(value) -> str:
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return format_date(datetime.datetime.fromisoformat(value), time=True)
    return "–" if value in (None, "") else str(value)


def _print_fields(labels: dict[str, str], fields: dict) -> list[tuple[str, str]]:
    return [(labels[name], _printable(value)) for name, value in fields.items()]


def _print_section(section: dict) -> dict:
    rows = [
        {
            "fields": _print_fields(section["labels"], row["fields"]),
            "sections": [_print_section(child) for child in row["sections"]],
        }
        for row in section["rows"]
    ]
    labels = list(section["labels"].values())
    return {**section, "rows": rows, "labels": labels, "wide": len(labels) > WIDE_SECTION}


def _for_print(export: dict) -> dict:
    """The export as the PDF shows it: Danish labels, values as text, wide records one per block."""
    columns = export["audit_labels"]
    return {
        **export,
        "generated_at": _printable(export["generated_at"]),
        "citizen": {
            "fields": _print_fields(export["citizen"]["labels"], export["citizen"]["fields"])
        },
        "sections": [_print_section(section) for section in export["sections"]],
        "audit_labels": list(columns.values()),
        "audit_events": [
            [_printable(event[name]) for name in columns] for event in export["audit_events"]
        ],
    }


def export_pdf(citizen: Citizen, export: dict | None = None) -> bytes:
    printable = _for_print(export or export_citizen(citizen))
    html = render_to_string("citizens/rights/export_pdf.html", {"export": printable})
    return render_pdf(html)


def export_record(*, citizen: Citizen, by, file_format: str, request=None) -> None:
    audit_record(
        actor=by, action=Action.EXPORT, target=citizen, request=request, detail=file_format
    )
