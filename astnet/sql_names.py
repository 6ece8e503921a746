"""Table and column names for the few queries astnet writes as SQL, quoted for the database that
holds the model (issue 22: subqueries written once per process, cheaper than the ORM building
them on every request)."""

from django.db import connections, router
from django.db.models import Model


def quoted(model: type[Model], field: str | None = None) -> str:
    """`model`'s table or, with `field` (a field name), that field's column, quoted for the
    database `model` is read from."""
    ops = connections[router.db_for_read(model)].ops
    return ops.quote_name(model._meta.get_field(field).column if field else model._meta.db_table)


def vendor(model: type[Model]) -> str:
    """The vendor ("postgresql", "sqlite") of the database `model` is read from, for the SQL a
    query writes differently on each."""
    return connections[router.db_for_read(model)].vendor
