"""The one helper that writes audit events; views and services call it, never the model directly.

Every event is sealed into a hash chain (issue 16): its `chain_hash` is SHA-256 over its own content
and the previous event's hash, so an edit, a deletion or a reordering made outside the application
(by someone who can disable the table's triggers) breaks every later link, and `manage.py
audit_verify` names the first broken one.
"""

import contextvars
import datetime
import hashlib
import json
from functools import wraps

from django.db import connections, models, router, transaction
from django.http import HttpRequest
from django.utils.cache import patch_cache_control

from astnet.models import AuditEvent
from astnet.network import client_ip

Action = AuditEvent.Action

# Any constant: it names the advisory lock that orders writers of the chain on PostgreSQL.
_CHAIN_LOCK = 0x415354_4E4554

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "astnet_audit_request", default=None
)


class AuditRequestMiddleware:
    """Remembers the request being served, so an event written deep in a service still records
    the client's IP address (issue 16: the IP on every event made for a request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _event_ip(request: HttpRequest | None) -> str | None:
    """The client's address for an event: of `request`, else of the request being served (the
    trusted-proxy rule is `astnet.network.client_ip`'s); None outside a request (nightly jobs)."""
    return client_ip(request if request is not None else _current_request.get())


def _canonical(values: list) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _stored_ip(event: AuditEvent) -> str:
    """The event's IP address as the database stores it (IPv6 in its normal form), or ""."""
    return AuditEvent._meta.get_field("ip_address").to_python(event.ip_address) or ""


def _content(event: AuditEvent) -> list:
    """The event's own fields as they are sealed: times in UTC to the microsecond, the IP
    address as stored."""
    return [
        event.at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        event.actor_id,
        event.action,
        event.object_type,
        event.object_id,
        _stored_ip(event),
        event.detail,
    ]


def chain_hash(event: AuditEvent, previous: str) -> str:
    """SHA-256 (hex) over the event's content and `previous`, the hash of the event before it
    ("" for the first). The content is written as canonical JSON, so the same row always gives
    the same hash on PostgreSQL and SQLite (and in `astnet_audit_append`, migration 0015)."""
    return hashlib.sha256(_canonical([*_content(event), previous]).encode()).hexdigest()


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
    """Write one audit event, sealed into the hash chain. `detail` must never carry personal data
    (names, CPR, notes). Without `request`, the request being served (if any) gives the IP."""
    if target is not None:
        object_type = target._meta.label_lower
        object_id = target.pk
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        ip_address=_event_ip(request),
        detail=detail[:200],
    )
    alias = router.db_for_write(AuditEvent)
    if connections[alias].vendor == "postgresql":
        return _append_in_one_statement(event, connections[alias])
    # No savepoint of its own: the lock and the insert belong to the caller's transaction.
    with transaction.atomic(using=alias, savepoint=False):
        event.chain_hash = chain_hash(event, _previous_hash(connections[alias]) or "")
        event.save(using=alias)
    return event


def _append_in_one_statement(event: AuditEvent, connection) -> AuditEvent:
    """Lock, read the last hash, seal and insert in one round trip (`astnet_audit_append`,
    migration 0015; issue 22). The lock is held to the end of the surrounding transaction, or of
    this statement's own when there is none. The application sends the canonical JSON of the
    event's content without its closing bracket; the function appends the previous hash, so the
    seal is `chain_hash(event, previous)` byte for byte."""
    content = _canonical(_content(event))[:-1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT event_id, event_hash FROM astnet_audit_append(%s, %s, %s, %s, %s, %s, %s, "
            "%s, %s)",
            [
                _CHAIN_LOCK,
                event.at,
                event.actor_id,
                event.action,
                event.object_type,
                event.object_id,
                _stored_ip(event) or None,
                event.detail,
                content,
            ],
        )
        event.pk, event.chain_hash = cursor.fetchone()
    event._state.adding = False
    event._state.db = connection.alias
    return event


def _previous_hash(connection) -> str | None:
    """The last event's hash. On PostgreSQL this first takes the chain's advisory lock, held to the
    end of the surrounding transaction: the next writer reads this event's hash only once it is
    committed, so ids and links follow the same order (migration 0006)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT astnet_audit_previous_hash(%s)", [_CHAIN_LOCK])
        else:
            cursor.execute("SELECT chain_hash FROM astnet_auditevent ORDER BY id DESC LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else None


def audit_verify(*, chunk_size: int = 5000) -> tuple[int, AuditEvent | None, str]:
    """Walk the chain in id order. Returns (events checked, the first event whose hash does not
    match its content and predecessor or None, the last good hash)."""
    previous = ""
    checked = 0
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=chunk_size):
        if event.chain_hash != chain_hash(event, previous):
            return checked, event, previous
        previous = event.chain_hash
        checked += 1
    return checked, None, previous


def shows_personal_data(object_type: str, *, id_kwarg: str | None = "pk", detail: str = ""):
    """Declare a page that shows personal data (issue 16). Each time it renders as HTML (200, or 400
    when a form comes back with its data), it writes exactly one view event: about
    `request.audited_object` when the view sets it, otherwise about `object_type` with the URL's
    `id_kwarg` (a list page passes None), with `detail` (never personal data). Every such response is sent with `Cache-Control:
    no-store`. Views so declared write no view event of their own;
    `tests/astnet/test_access_matrix.py` checks both, and that no undeclared page shows a
    citizen's name."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            rendered = response.get("Content-Type", "").startswith("text/html")
            if rendered and response.status_code in (200, 400):
                target = getattr(request, "audited_object", None)
                audit_record(
                    actor=request.user,
                    action=Action.VIEW,
                    target=target,
                    object_type=object_type,
                    object_id=kwargs.get(id_kwarg, "") if id_kwarg else "",
                    request=request,
                    detail=detail,
                )
            patch_cache_control(response, no_store=True, private=True)
            return response

        wrapper.shows_personal_data = object_type
        return wrapper

    return decorator
