"""Issue 22: on PostgreSQL an audit event is appended in one statement. `astnet_audit_append`
takes the chain's lock (through `astnet_audit_previous_hash`, migration 0006), reads the last hash,
seals the new event and inserts it: one round trip where the lock, the read, the insert and the
transaction's BEGIN and COMMIT were four. The content is sealed as the application writes it
(`astnet.audit.chain_hash`): the application sends the canonical JSON of the event's own fields
without its closing bracket, the function adds the previous hash as a JSON string and the bracket,
and hashes the UTF-8 bytes, so `audit_verify` checks these events exactly as before."""

from django.db import migrations

APPEND = """
CREATE OR REPLACE FUNCTION astnet_audit_append(
    lock_key bigint,
    event_at timestamptz,
    event_actor bigint,
    event_action text,
    event_object_type text,
    event_object_id text,
    event_ip inet,
    event_detail text,
    sealed_content text
) RETURNS TABLE (event_id bigint, event_hash text) AS $$
DECLARE
    previous text;
BEGIN
    previous := coalesce(astnet_audit_previous_hash(lock_key), '');
    event_hash := encode(
        sha256(convert_to(sealed_content || ',' || to_json(previous)::text || ']', 'UTF8')),
        'hex'
    );
    INSERT INTO astnet_auditevent
        (at, actor_id, action, object_type, object_id, ip_address, detail, chain_hash)
    VALUES (
        event_at, event_actor, event_action, event_object_type, event_object_id, event_ip,
        event_detail, event_hash
    )
    RETURNING id INTO event_id;
    RETURN NEXT;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""

DROP = (
    "DROP FUNCTION IF EXISTS astnet_audit_append("
    "bigint, timestamptz, bigint, text, text, text, inet, text, text)"
)


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("astnet", "0014_report_numbers_file")]

    operations = [migrations.RunPython(create, drop)]
