"""The application cannot alter its audit log (issue 16, part 3): a hash chain that
`manage.py audit_verify` checks, TRUNCATE refused, and a runtime role with only SELECT and INSERT."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from astnet.audit import Action, audit_record, chain_hash
from astnet.db_roles import grant_runtime_role
from astnet.models import AuditEvent
from tests.conftest import needs_postgresql


def _three_events(world):
    return [
        audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo, detail=str(n))
        for n in range(3)
    ]


def test_each_event_is_sealed_to_the_one_before_it(world):
    first, second, third = _three_events(world)
    assert first.chain_hash == chain_hash(
        first,
        AuditEvent.objects.filter(pk__lt=first.pk)
        .order_by("-pk")
        .values_list("chain_hash", flat=True)
        .first()
        or "",
    )
    assert second.chain_hash == chain_hash(second, first.chain_hash)
    assert third.chain_hash == chain_hash(third, second.chain_hash)


def test_audit_verify_passes_an_untouched_log(world, capsys):
    _three_events(world)
    call_command("audit_verify")
    assert "Audit chain intact" in capsys.readouterr().out


def test_audit_verify_names_the_first_broken_link_after_an_edit_out_of_band(world):
    needs_postgresql()
    _first, second, _third = _three_events(world)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # As the table's owner, someone lifts the append-only trigger and rewrites a row.
        cursor.execute(
            "ALTER TABLE astnet_auditevent DISABLE TRIGGER astnet_auditevent_append_only"
        )
        cursor.execute("UPDATE astnet_auditevent SET detail = 'rettet' WHERE id = %s", [second.pk])
        cursor.execute("ALTER TABLE astnet_auditevent ENABLE TRIGGER astnet_auditevent_append_only")

    with pytest.raises(CommandError, match=f"broken at event {second.pk} "):
        call_command("audit_verify")


def test_audit_verify_sees_a_deleted_event(world):
    needs_postgresql()
    _first, second, third = _three_events(world)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "ALTER TABLE astnet_auditevent DISABLE TRIGGER astnet_auditevent_append_only"
        )
        # (The test rolls back, which enables the trigger again: ALTER TABLE is transactional.)
        cursor.execute("DELETE FROM astnet_auditevent WHERE id = %s", [second.pk])

    with pytest.raises(CommandError, match=f"broken at event {third.pk} "):
        call_command("audit_verify")


def test_truncate_is_refused_even_for_the_owner(world):
    needs_postgresql()
    _three_events(world)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE astnet_auditevent")
    assert AuditEvent.objects.count() >= 3


@pytest.fixture
def runtime_role(db):
    """A runtime role made for this test; created inside the test's transaction, so it is gone
    again when the test rolls back."""
    needs_postgresql()
    role = f"astnet_runtime_test_{connection.settings_dict['NAME']}"[:60]
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {connection.ops.quote_name(role)} NOLOGIN NOSUPERUSER")
    grant_runtime_role(connection, role)
    return role


def _as(role, statement, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(role)}")
        cursor.execute(statement, params)


def test_the_runtime_role_can_only_read_and_append_to_the_audit_log(world, runtime_role):
    event = audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)

    _as(runtime_role, "SELECT count(*) FROM astnet_auditevent")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(runtime_role)}")
        audit_record(actor=world.staff, action=Action.VIEW, target=world.griffen)
    for statement in (
        "UPDATE astnet_auditevent SET detail = 'x' WHERE id = %s",
        "DELETE FROM astnet_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="permission denied"):
            _as(runtime_role, statement, [event.pk])
    with pytest.raises(DatabaseError, match="permission denied"):
        _as(runtime_role, "TRUNCATE astnet_auditevent")
    with pytest.raises(DatabaseError, match="must be owner"):
        _as(
            runtime_role,
            "ALTER TABLE astnet_auditevent DISABLE TRIGGER astnet_auditevent_append_only",
        )
    # Everything else the application writes stays writable.
    _as(runtime_role, "UPDATE offers_offer SET name = name WHERE id = %s", [world.nabo.pk])


def test_a_superuser_is_refused_as_the_runtime_role(db):
    needs_postgresql()
    from django.core.exceptions import ImproperlyConfigured

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (me,) = cursor.fetchone()
    with pytest.raises(ImproperlyConfigured, match="superuser"):
        grant_runtime_role(connection, me)


def test_an_ipv6_address_seals_as_it_is_stored(rf, world, capsys):
    request = rf.get("/", REMOTE_ADDR="2001:DB8:0:0:0:0:0:1")
    audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo, request=request)
    call_command("audit_verify")
    assert "Audit chain intact" in capsys.readouterr().out


# Any text PostgreSQL can store (no NUL): quotes, backslashes, control characters, letters outside
# ASCII and characters outside the Basic Multilingual Plane, which JSON writers treat differently.
_STORED_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=60
)


@given(detail=_STORED_TEXT, object_id=_STORED_TEXT)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_database_seals_any_text_as_the_application_checks_it(world, detail, object_id):
    """On PostgreSQL the event is sealed inside the database (`astnet_audit_append`, one round
    trip); what it stores must verify with the application's own `chain_hash`."""
    event = audit_record(
        actor=world.staff,
        action=Action.VIEW,
        object_type="citizens.citizen",
        object_id=object_id[:64],
        detail=detail,
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    previous = (
        AuditEvent.objects.filter(pk__lt=event.pk)
        .order_by("-pk")
        .values_list("chain_hash", flat=True)
        .first()
    )
    assert stored.chain_hash == event.chain_hash
    assert stored.chain_hash == chain_hash(stored, previous or "")


def test_an_event_written_inside_a_transaction_that_rolls_back_leaves_no_link(world, capsys):
    """The seal belongs to the caller's transaction: rolled back, the next event links to the
    last one kept, and the chain still verifies."""
    kept = audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=world.staff, action=Action.VIEW, target=world.griffen)
        raise RuntimeError("rolled back")
    after = audit_record(actor=world.staff, action=Action.VIEW, target=world.kompasset)

    assert after.chain_hash == chain_hash(after, kept.chain_hash)
    call_command("audit_verify")
    assert "Audit chain intact" in capsys.readouterr().out
