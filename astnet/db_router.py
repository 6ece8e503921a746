"""Reads for dashboards and reports may go to a PostgreSQL read replica (DATABASE_REPLICA_URL).

Only code that runs inside `reading_from_replica()` reads there: the heavy, read-only figures. Every
other read, and every write, stays on the primary, so a user always sees what they just saved.

The same figures are never run as prepared statements. A connection prepares a statement it has
run five times (astnet/settings.py), and PostgreSQL may then reuse one generic plan for every
period and district; for the figures that plan took twice as long as one made for the values at
hand (12-month district dashboards, median 458 against 231 ms, issue 22).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created

REPLICA = "replica"
_use_replica: ContextVar[bool] = ContextVar("astnet_use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _set_preparing(wrapper, on: bool) -> None:
    """Prepared statements on or off (psycopg's threshold) for the open PostgreSQL connection
    `wrapper` holds, if any; on means as configured in DATABASES."""
    if wrapper.vendor != "postgresql" or wrapper.connection is None:
        return
    wrapper.connection.prepare_threshold = (
        wrapper.settings_dict["OPTIONS"].get("prepare_threshold") if on else None
    )


def _unprepared_when_figures(sender, connection, **kwargs) -> None:
    """A connection opened for the figures (in a report's worker thread, say) prepares nothing."""
    if _use_replica.get():
        _set_preparing(connection, on=False)


connection_created.connect(_unprepared_when_figures, dispatch_uid="astnet_unprepared_figures")


@contextmanager
def reading_from_replica():
    """Reads in this block go to the replica when one is configured, as statements that are
    planned for their own values (never prepared), on this thread and on threads that copy its
    context (astnet/reporting/parallel.py)."""
    outermost = not _use_replica.get()
    token = _use_replica.set(True)
    aliases = [REPLICA, "default"] if replica_configured() else ["default"]
    for alias in aliases:
        _set_preparing(connections[alias], on=False)
    try:
        yield
    finally:
        _use_replica.reset(token)
        if outermost:
            for alias in aliases:
                _set_preparing(connections[alias], on=True)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
