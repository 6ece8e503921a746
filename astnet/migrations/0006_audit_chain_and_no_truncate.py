"""Issue 16: CPR match attempts are an audit action; the audit log seals each event into a hash chain (existing events are sealed here, in id
order), and on PostgreSQL a statement trigger refuses TRUNCATE, which the row trigger of 0002 does
not see."""

from django.db import migrations, models

from astnet.audit import chain_hash

NO_TRUNCATE = """
CREATE TRIGGER astnet_auditevent_no_truncate
    BEFORE TRUNCATE ON astnet_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION astnet_auditevent_refuse_change();
"""

# One round trip for each new event: take the chain's lock (held to the end of the transaction),
# then read the last committed hash. A volatile PL/pgSQL function reads with a fresh snapshot per
# statement, so the hash read is the one committed by the lock's previous holder.
PREVIOUS_HASH = """
CREATE OR REPLACE FUNCTION astnet_audit_previous_hash(lock_key bigint) RETURNS text AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN (SELECT chain_hash FROM astnet_auditevent ORDER BY id DESC LIMIT 1);
END;
$$ LANGUAGE plpgsql VOLATILE;
"""


def seal_existing(apps, schema_editor) -> None:
    AuditEvent = apps.get_model("astnet", "AuditEvent")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        # The owner lifts its own append-only trigger for this one sealing, inside the migration's
        # transaction, so no other session ever sees the table unguarded.
        schema_editor.execute(
            "ALTER TABLE astnet_auditevent DISABLE TRIGGER astnet_auditevent_append_only"
        )
    previous = ""
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=5000):
        previous = chain_hash(event, previous)
        AuditEvent.objects.filter(pk=event.pk).update(chain_hash=previous)
    if postgresql:
        # Deferred foreign-key checks still queued would make ALTER TABLE refuse.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            "ALTER TABLE astnet_auditevent ENABLE TRIGGER astnet_auditevent_append_only"
        )
        schema_editor.execute(NO_TRUNCATE)
        schema_editor.execute(PREVIOUS_HASH)


def unseal(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS astnet_auditevent_no_truncate ON astnet_auditevent"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS astnet_audit_previous_hash(bigint)")


class Migration(migrations.Migration):
    dependencies = [("astnet", "0005_refresh_dashboards")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="kædehash"
            ),
        ),
        migrations.RunPython(seal_existing, unseal),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Visning"),
                    ("create", "Oprettelse"),
                    ("change", "Ændring"),
                    ("delete", "Sletning"),
                    ("export", "Eksport"),
                    ("login", "Login"),
                    ("login_failed", "Mislykket login"),
                    ("logout", "Log ud"),
                    ("cpr_match", "CPR-opslag"),
                ],
                max_length=20,
                verbose_name="handling",
            ),
        ),
    ]
