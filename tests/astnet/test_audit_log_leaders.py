"""A centre leader reads their district's audit log (DESIGN.md, roles; issue 16): the events of the
people who work in the district and the events about the district's citizens, and nothing of another
district's, on the page, in its export or in an object's name. The DPO keeps the whole city."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from astnet.audit import Action, audit_record
from astnet.models import AuditEvent, Role
from tests import factories as f


@pytest.fixture
def two_districts(world):
    world.griffen_staff = f.member(Role.STAFF, offer=world.griffen, username="gustav")
    world.ours = f.CitizenFactory(chosen_name="Amagerjens", home_offers=[world.nabo])
    world.theirs = f.CitizenFactory(chosen_name="Qwerton", home_offers=[world.griffen])
    # Our staff look at our citizen, their staff at theirs, their staff at ours, ours at theirs.
    world.own_work = audit_record(actor=world.staff, action=Action.VIEW, target=world.ours)
    world.other_work = audit_record(
        actor=world.griffen_staff, action=Action.CHANGE, target=world.theirs
    )
    world.about_ours = audit_record(
        actor=world.griffen_staff, action=Action.EXPORT, target=world.ours
    )
    world.ours_elsewhere = audit_record(actor=world.staff, action=Action.VIEW, target=world.theirs)
    return world


def shown(response) -> set[int]:
    return {event.pk for event in response.context["page"].object_list}


def test_a_leader_sees_their_districts_people_and_citizens_only(client, two_districts):
    w = two_districts
    client.force_login(w.leader)
    response = client.get(reverse("audit_log"))
    assert response.status_code == 200
    ids = shown(response)
    assert {w.own_work.pk, w.about_ours.pk, w.ours_elsewhere.pk} <= ids
    assert w.other_work.pk not in ids


def test_the_other_districts_leader_sees_the_other_half(client, two_districts):
    w = two_districts
    other_leader = f.member(Role.LEADER, district=w.norrebro, username="nora")
    client.force_login(other_leader)
    ids = shown(client.get(reverse("audit_log")))
    # Their staff's work, also on our citizen (without the name); our citizen's name stays ours.
    assert {w.other_work.pk, w.ours_elsewhere.pk, w.about_ours.pk} <= ids
    assert w.own_work.pk not in ids


def test_a_leader_reads_no_name_from_another_district(client, two_districts):
    w = two_districts
    client.force_login(w.leader)
    page = client.get(reverse("audit_log")).content.decode()
    assert f"Borger {w.ours.pk} (Amagerjens)" in page
    # Our staff member looked at their citizen: the event is ours, the name is not.
    assert f"Borger {w.theirs.pk}" in page
    assert "Qwerton" not in page
    # Nor can a chosen name be searched for across the border.
    response = client.get(reverse("audit_log"), {"citizen": "Qwerton"})
    assert response.context["page"].paginator.count == 0


def test_the_dpo_still_reads_the_whole_city_with_names(client, two_districts):
    w = two_districts
    client.force_login(w.dpo)
    response = client.get(reverse("audit_log"))
    assert {w.own_work.pk, w.other_work.pk, w.about_ours.pk, w.ours_elsewhere.pk} <= shown(response)
    assert "Qwerton" in response.content.decode()


def test_a_leaders_export_holds_only_their_district_and_is_audited(client, two_districts):
    w = two_districts
    client.force_login(w.leader)
    response = client.get(reverse("audit_log"), {"eksport": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    users = {row[1] for row in rows[1:]}
    assert "gustav" in users  # looked at our citizen
    assert not any("Qwerton" in cell for row in rows for cell in row)
    assert len(rows) - 1 == AuditEvent.objects.filter(
        pk__in=[w.own_work.pk, w.about_ours.pk, w.ours_elsewhere.pk]
    ).count() + sum(
        1 for row in rows[1:] if row[1] == "lars"
    )  # plus the leader's own view of the page
    assert AuditEvent.objects.filter(
        actor=w.leader, action=Action.EXPORT, object_type="astnet.auditevent"
    ).exists()


def test_a_leaders_export_of_another_district_cannot_be_had(client, two_districts):
    w = two_districts
    client.force_login(w.leader)
    # Filtering by the other district's user gives an empty file, not their events.
    response = client.get(reverse("audit_log"), {"user": "gustav", "eksport": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[3] for row in rows[1:]] == [f"Borger {w.ours.pk} (Amagerjens)"]


def test_staff_and_administration_are_refused(client, two_districts):
    for user in (two_districts.staff, two_districts.administration):
        client.force_login(user)
        assert client.get(reverse("audit_log")).status_code == 403


def test_a_leader_finds_the_audit_log_in_the_navigation(client, two_districts):
    client.force_login(two_districts.leader)
    page = client.get(reverse("home_leader")).content.decode()
    assert reverse("audit_log") in page


def test_the_leaders_page_reads_a_fixed_number_of_queries(client, two_districts):
    w = two_districts
    client.force_login(w.leader)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("audit_log")).status_code == 200
        return len(captured)

    queries()  # the first request of a session loads what later ones find cached
    few = queries()
    for _ in range(20):
        audit_record(
            actor=w.staff, action=Action.VIEW, target=f.CitizenFactory(home_offers=[w.nabo])
        )
    assert queries() == few
