"""The audit log: written by one helper, append-only on PostgreSQL, read-only in the admin."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from astnet.audit import Action, audit_record
from astnet.models import AuditEvent
from tests.conftest import needs_postgresql


def test_audit_rows_cannot_be_updated_or_deleted_on_postgresql(world):
    needs_postgresql()
    event = audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="ændret")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM astnet_auditevent")

    event.refresh_from_db()
    assert event.detail == ""


def test_helper_records_actor_object_and_ip(rf, world):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    event = audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo, request=request)

    assert (event.actor, event.object_type, event.object_id, event.ip_address) == (
        world.staff,
        "offers.offer",
        str(world.nabo.pk),
        "10.1.2.3",
    )


def test_admin_shows_the_log_read_only(client, world):
    world.dpo.is_staff = True
    world.dpo.is_superuser = True
    world.dpo.save()
    event = audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)
    client.force_login(world.dpo)

    change = client.get(reverse("admin:astnet_auditevent_change", args=[event.pk]))
    add = client.get(reverse("admin:astnet_auditevent_add"))
    delete = client.post(
        reverse("admin:astnet_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )

    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert add.status_code == 403
    assert delete.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_dpo_reads_the_log_paginated_with_bounded_queries(
    client, world, django_assert_max_num_queries
):
    for _n in range(60):
        audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)
    client.force_login(world.dpo)

    # Readable object names cost one query per object type on the page, and reading the log is
    # itself a view event: the chain's last link and the event (issue 16).
    with django_assert_max_num_queries(12):
        first = client.get(reverse("audit_log"))
    second = client.get(reverse("audit_log"), {"side": 2})

    assert first.status_code == 200
    assert "Side 1 af 2" in first.content.decode()
    assert second.status_code == 200
