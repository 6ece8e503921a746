"""Dropping a field's own single-column index in a migration without touching the table.

Django's AlterField to `db_index=False` drops and re-adds a foreign key's constraint (PostgreSQL
then reads the whole table to validate it) and, on SQLite, copies the table into a new one, which
loses the triggers on it (the visits' monthly sums, citizens/visit_months/sql.py). An index is all
that changes, so `drop_field_indexes` drops just the index, found by what the database says it
indexes; `SeparateDatabaseAndState` records the field change (issue 22, tests/test_indexes.py)."""

from django.db import migrations


def field_indexes(connection, model, column: str) -> list[str]:
    """Names of the non-unique indexes on exactly `column` of `model`'s table that its Meta does
    not declare: the field's own (on PostgreSQL a text column's pattern index, `…_like`, too)."""
    declared = {index.name for index in model._meta.indexes}
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return sorted(
        name
        for name, constraint in constraints.items()
        if constraint["index"]
        and not constraint["unique"]
        and not constraint["primary_key"]
        and constraint["columns"] == [column]
        and name not in declared
    )


def drop_field_indexes(*fields: tuple[str, str, str]) -> migrations.RunPython:
    """A RunPython that drops the single-column index of each (app label, model, field), and
    backwards creates it again as Django makes it for `db_index=True`."""

    def forwards(apps, schema_editor):
        for app_label, model_name, field_name in fields:
            model = apps.get_model(app_label, model_name)
            column = model._meta.get_field(field_name).column
            for name in field_indexes(schema_editor.connection, model, column):
                schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    def backwards(apps, schema_editor):
        for app_label, model_name, field_name in fields:
            model = apps.get_model(app_label, model_name)
            field = model._meta.get_field(field_name)
            if not field_indexes(schema_editor.connection, model, field.column):
                schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))

    return migrations.RunPython(forwards, backwards)
