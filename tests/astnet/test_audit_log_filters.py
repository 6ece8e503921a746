"""The data-protection officer's audit log (issue 16, part 5): filters, readable object names, the
client's IP on every event made for a request, and an export that is itself audited."""

import datetime

from django.urls import reverse
from django.utils import timezone

from astnet.audit import Action, audit_record
from astnet.models import AuditEvent
from tests import factories as f


def _rows(response):
    return response.content.decode().split("<tbody>")[1].split("</tbody>")[0]


def test_it_names_objects_readably(client, world):
    citizen = f.CitizenFactory(chosen_name="Zyxwort")
    audit_record(actor=world.staff, action=Action.VIEW, target=citizen)
    client.force_login(world.dpo)

    rows = _rows(client.get(reverse("audit_log")))

    assert f"Borger {citizen.pk} (Zyxwort)" in rows
    assert "citizens.citizen" not in rows


def test_it_filters_by_citizen_id_or_chosen_name(client, world):
    wanted = f.CitizenFactory(chosen_name="Zyxwort")
    other = f.CitizenFactory(chosen_name="Qwerton")
    audit_record(actor=world.staff, action=Action.VIEW, target=wanted)
    audit_record(actor=world.staff, action=Action.VIEW, target=other)
    client.force_login(world.dpo)

    by_name = _rows(client.get(reverse("audit_log"), {"citizen": "zyxw"}))
    by_id = _rows(client.get(reverse("audit_log"), {"citizen": str(other.pk)}))

    assert "Zyxwort" in by_name and "Qwerton" not in by_name
    assert "Qwerton" in by_id and "Zyxwort" not in by_id


def test_it_filters_by_user_action_object_type_and_dates(client, world):
    audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)
    audit_record(actor=world.leader, action=Action.CHANGE, target=world.griffen)
    old = audit_record(actor=world.leader, action=Action.EXPORT, target=world.amager)
    client.force_login(world.dpo)
    today = timezone.localdate()

    def count(**params):
        response = client.get(reverse("audit_log"), params)
        assert response.status_code == 200
        return response.context["page"].paginator.count

    assert count(user="lars") == 2
    assert count(action=Action.CHANGE) == 1
    assert count(object_type="offers.district") == 1
    assert count(from_date=today.isoformat(), to_date=today.isoformat()) >= 3
    assert count(to_date=(today - datetime.timedelta(days=1)).isoformat()) == 0
    assert AuditEvent.objects.filter(pk=old.pk).exists()


def test_a_bad_date_range_gets_a_danish_error_and_no_rows_are_hidden(client, world):
    client.force_login(world.dpo)
    response = client.get(
        reverse("audit_log"), {"from_date": "2026-05-02", "to_date": "2026-05-01"}
    )
    assert (
        "Slutdatoen skal være samme dag som eller efter startdatoen." in response.content.decode()
    )


def test_the_export_holds_the_filtered_rows_and_is_itself_audited(client, world):
    wanted = f.CitizenFactory(chosen_name="Zyxwort")
    other = f.CitizenFactory(chosen_name="Qwerton")
    audit_record(actor=world.staff, action=Action.VIEW, target=wanted)
    audit_record(actor=world.staff, action=Action.VIEW, target=other)
    client.force_login(world.dpo)

    response = client.get(reverse("audit_log"), {"citizen": "Zyxwort", "eksport": "csv"})

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Zyxwort" in text and "Qwerton" not in text
    export = AuditEvent.objects.filter(action=Action.EXPORT, actor=world.dpo).get()
    assert export.object_type == "astnet.auditevent"
    assert "citizen" in export.detail and "Zyxwort" not in export.detail
    assert export.ip_address == "127.0.0.1"


def test_an_event_written_deep_in_a_request_still_has_the_clients_ip(client, world):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    client.force_login(world.staff)

    client.get(reverse("citizens:detail", args=[citizen.pk]), REMOTE_ADDR="10.9.8.7")

    event = AuditEvent.objects.filter(action=Action.VIEW, object_id=str(citizen.pk)).latest("pk")
    assert event.ip_address == "10.9.8.7"


def test_the_filtered_log_costs_the_same_for_many_object_types(
    client, world, django_assert_max_num_queries
):
    for _n in range(30):
        audit_record(actor=world.staff, action=Action.VIEW, target=f.CitizenFactory())
        audit_record(actor=world.staff, action=Action.VIEW, target=world.nabo)
    client.force_login(world.dpo)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("audit_log"), {"action": Action.VIEW})
    assert response.status_code == 200


def test_other_roles_cannot_read_or_export_the_log(client, world):
    # Leaders read their district's log: tests/astnet/test_audit_log_leaders.py.
    for user in (world.staff, world.administration, world.council_member):
        client.force_login(user)
        assert client.get(reverse("audit_log"), {"eksport": "csv"}).status_code == 403
