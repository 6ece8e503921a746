"""On PostgreSQL a trigger refuses UPDATE and DELETE on the audit log: it is append-only even for
someone with a database shell through the application's role."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION astnet_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'astnet_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER astnet_auditevent_append_only
    BEFORE UPDATE OR DELETE ON astnet_auditevent
    FOR EACH ROW EXECUTE FUNCTION astnet_auditevent_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS astnet_auditevent_append_only ON astnet_auditevent;
DROP FUNCTION IF EXISTS astnet_auditevent_refuse_change();
"""


def install(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def uninstall(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("astnet", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
