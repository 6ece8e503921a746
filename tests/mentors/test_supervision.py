"""Supervision notes are read only by the supervisor and the mentors who were present."""

import datetime

from django.urls import reverse

from astnet import access
from astnet.models import Role
from peers.mentors import services
from peers.mentors.models import Supervision
from tests import factories as f


def _supervision(w):
    return services.supervision_create(
        by=w.coordinator,
        date=datetime.date(2026, 3, 10),
        mentors=[w.sara],
        notes="Sara vil gerne have flere vagter.",
    )


def test_the_supervisor_and_the_mentor_present_read_the_notes(client, mentor_world):
    w = mentor_world
    supervision = _supervision(w)
    for user in (w.coordinator, w.sara.user):
        client.force_login(user)
        response = client.get(reverse("mentors:supervision_detail", args=[supervision.pk]))
        assert "Sara vil gerne have flere vagter." in response.content.decode()


def test_nobody_else_reads_them_not_even_another_coordinator(client, mentor_world):
    w = mentor_world
    supervision = _supervision(w)
    other_coordinator = f.member(Role.LEADER, district=w.nordvest, username="kim")
    for user in (w.omar.user, other_coordinator, w.world.leader):
        assert not access.scope(user, Supervision).exists()
        client.force_login(user)
        response = client.get(reverse("mentors:supervision_detail", args=[supervision.pk]))
        assert response.status_code == 404
        listing = client.get(reverse("mentors:supervisions")).content.decode()
        assert "10. mar" not in listing
    for user in (w.world.staff, w.world.administration):
        client.force_login(user)
        response = client.get(reverse("mentors:supervision_detail", args=[supervision.pk]))
        assert response.status_code == 403


def test_the_notes_stay_out_of_the_audit_log(mentor_world):
    from astnet.models import AuditEvent

    _supervision(mentor_world)
    event = AuditEvent.objects.get(object_type="peers.supervision")
    assert "Sara" not in event.detail


def test_the_coordinator_records_a_supervision(client, mentor_world):
    w = mentor_world
    client.force_login(w.coordinator)
    response = client.post(
        reverse("mentors:supervision_create"),
        {"date": "2026-03-10", "mentors_present": [w.sara.pk, w.omar.pk], "notes": "Godt møde."},
    )
    supervision = Supervision.objects.get()
    assert response["Location"] == reverse("mentors:supervision_detail", args=[supervision.pk])
    assert supervision.supervisor == w.coordinator


def test_a_supervision_without_mentors_is_refused(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:supervision_create"), {"date": "2026-03-10", "notes": "x"}
    )
    assert "Vælg mindst én peer-vejleder." in response.content.decode()
    assert not Supervision.objects.exists()


def test_reading_the_notes_is_audited(client, mentor_world):
    from astnet.models import AuditEvent

    supervision = _supervision(mentor_world)
    client.force_login(mentor_world.sara.user)
    client.get(reverse("mentors:supervision_detail", args=[supervision.pk]))
    assert AuditEvent.objects.filter(
        object_type="peers.supervision", action="view", actor=mentor_world.sara.user
    ).exists()
