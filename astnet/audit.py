"""The one helper that writes audit events; views and services call it, never the model directly."""

from django.db import models
from django.http import HttpRequest

from astnet.models import AuditEvent
from astnet.network import client_ip

Action = AuditEvent.Action


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    request: HttpRequest | None = None,
    detail: str = "",
) -> AuditEvent:
    """Write one audit event. `detail` must never carry personal data (names, CPR, notes)."""
    if target is not None:
        object_type = target._meta.label_lower
        object_id = target.pk
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        ip_address=client_ip(request),
        detail=detail[:200],
    )
