"""Two PostgreSQL roles (issue 16): an owner that runs migrations, and the runtime role that web,
worker and beat connect as. The runtime role is no superuser and holds only SELECT and INSERT on the
audit log, so the application cannot alter, delete, truncate or un-trigger its own trail.

After every `migrate` (run as the owner) the runtime role named by `DATABASE_RUNTIME_ROLE` is given
what it needs on every table, and no more on the audit log. The roles themselves are created by
`deploy/postgres-init/10-astnet-roles.sh` (docker-compose) or by hand on a managed server (README).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

AUDIT_TABLE = "astnet_auditevent"


def grant_runtime_role(connection, role: str) -> None:
    """Grant `role` read and write on every table of the schema, only SELECT and INSERT on the
    audit log and only SELECT on the migration history. Raises ImproperlyConfigured when `role` is
    a superuser (it would pass every privilege check and could disable the triggers)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cursor.fetchone()
        if row is None:
            raise ImproperlyConfigured(f"DATABASE_RUNTIME_ROLE {role!r} does not exist")
        if row[0]:
            raise ImproperlyConfigured(f"DATABASE_RUNTIME_ROLE {role!r} is a superuser")
        name = connection.ops.quote_name(role)
        for statement in (
            f"GRANT USAGE ON SCHEMA public TO {name}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {name}",
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {AUDIT_TABLE} FROM {name}",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON django_migrations FROM {name}",
        ):
            cursor.execute(statement)


def grant_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: keeps the runtime role's grants in step with the tables."""
    role = settings.DATABASE_RUNTIME_ROLE
    connection = connections[using]
    if role and connection.vendor == "postgresql":
        grant_runtime_role(connection, role)
