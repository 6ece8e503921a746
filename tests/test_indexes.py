"""No index that another already covers (issue 22): every index costs each write to its table, and
the tables a check-in writes (visits and their monthly sums) had four such. An index is redundant
when its columns lead another index or a unique constraint on the same table, with no condition
on either: PostgreSQL and SQLite answer the same lookups from the longer one.

The usual case is a foreign key's automatic index under a composite index or unique constraint
that starts with the same column: such a key says `db_index=False`."""

import pytest
from django.apps import apps
from django.db import connection, models

from astnet.migration_indexes import field_indexes

APPS = {"astnet", "offers", "citizens", "peers", "workshops"}


def _indexes(model) -> list[tuple[str, tuple[str, ...], bool]]:
    """(name, columns, unique) of every plain index the model asks for: single-column indexes of
    fields, Meta.indexes and unique constraints without a condition, expressions or opclasses."""
    meta = model._meta
    column = {field.name: field.column for field in meta.concrete_fields}
    found = []
    for field in meta.concrete_fields:
        if field.primary_key or field.unique:
            found.append((f"{field.name} (unique)", (field.column,), True))
        elif field.db_index:
            found.append((f"{field.name} (field index)", (field.column,), False))
    for index in meta.indexes:
        if index.fields and not index.condition and not index.opclasses:
            columns = tuple(column[name.lstrip("-")] for name in index.fields)
            found.append((index.name, columns, False))
    for constraint in meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and constraint.condition is None
            and not constraint.opclasses
        ):
            columns = tuple(column[name] for name in constraint.fields)
            found.append((constraint.name, columns, True))
    for fields in meta.unique_together:
        found.append((f"unique_together {fields}", tuple(column[n] for n in fields), True))
    return found


def covered(indexes: list[tuple[str, tuple[str, ...], bool]]) -> list[tuple[str, str]]:
    """(index, the index that covers it) for each non-unique index of one table whose columns
    lead another's."""
    found = []
    for name, columns, unique in indexes:
        if unique:
            continue
        for other, other_columns, _other_unique in indexes:
            if other != name and other_columns[: len(columns)] == columns:
                found.append((name, other))
                break
    return found


def redundant_indexes() -> list[str]:
    """Every covered index of the project's models, described."""
    return [
        f"{model._meta.label}: {name} is covered by {other}"
        for model in apps.get_models()
        if model._meta.app_label in APPS and model._meta.managed
        for name, other in covered(_indexes(model))
    ]


def test_no_index_is_covered_by_another():
    assert redundant_indexes() == []


@pytest.mark.django_db
def test_the_database_holds_no_index_a_field_gave_up():
    """What the migrations built matches the models: a field with `db_index=False` has no index
    of its own (astnet/migration_indexes.py drops them without Django's AlterField)."""
    left = [
        f"{model._meta.label}.{field.name}: {names}"
        for model in apps.get_models()
        if model._meta.app_label in APPS and model._meta.managed
        for field in model._meta.concrete_fields
        if not field.db_index and not field.unique and not field.primary_key
        for names in [field_indexes(connection, model, field.column)]
        if names
    ]
    assert left == []


def test_a_leading_column_is_covered_and_a_unique_one_is_kept():
    indexes = [
        ("citizen (field index)", ("citizen_id",), False),
        ("once_a_day", ("citizen_id", "offer_id", "day"), True),
        ("by_offer", ("offer_id", "day"), False),
        ("day (field index)", ("day",), False),
        ("code (unique)", ("code",), True),
        ("code_lookup", ("code",), False),
    ]
    assert covered(indexes) == [
        ("citizen (field index)", "once_a_day"),
        ("code_lookup", "code (unique)"),
    ]


def test_the_monthly_sums_keep_their_covering_index_and_uniqueness():
    from citizens.visit_months.models import VisitMonth

    indexes = {name: columns for name, columns, _unique in _indexes(VisitMonth)}
    assert indexes["visit_month_offer_month"] == ("offer_id", "month")
    assert indexes["visit_month_once_per_offer_citizen"] == ("offer_id", "citizen_id", "month")
    assert indexes["visit_month_citizen"] == ("citizen_id",)
