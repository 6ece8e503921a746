"""The legal hold: set by the data-protection officer with a reason, audited."""

from django.urls import reverse

from astnet.models import AuditEvent
from citizens.rights.models import CitizenPrivacy


def test_the_dpo_sets_a_legal_hold_with_a_reason(client, world, people):
    client.force_login(world.dpo)

    response = client.post(
        reverse("rights:legal_hold", args=[people.bente.pk]),
        {"legal_hold": "on", "reason": "Klagesag 2026-17"},
    )

    assert response.status_code == 302
    privacy = CitizenPrivacy.objects.get(citizen=people.bente)
    assert (privacy.legal_hold, privacy.legal_hold_reason) == (True, "Klagesag 2026-17")
    assert privacy.legal_hold_changed_by == world.dpo
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CHANGE, object_type="citizens.citizenprivacy"
    ).exists()


def test_a_hold_without_a_reason_is_refused(client, world, people):
    client.force_login(world.dpo)

    response = client.post(
        reverse("rights:legal_hold", args=[people.bente.pk]), {"legal_hold": "on", "reason": " "}
    )

    assert response.status_code == 200
    assert "Skriv begrundelsen" in response.content.decode()
    assert not CitizenPrivacy.objects.exists()


def test_the_dpo_lifts_the_hold(client, world, people):
    CitizenPrivacy.objects.create(citizen=people.bente, legal_hold=True, legal_hold_reason="Sag")
    client.force_login(world.dpo)

    client.post(reverse("rights:legal_hold", args=[people.bente.pk]), {"reason": ""})

    privacy = CitizenPrivacy.objects.get(citizen=people.bente)
    assert (privacy.legal_hold, privacy.legal_hold_reason) == (False, "")


def test_a_leader_cannot_set_a_hold(client, world, people):
    client.force_login(world.leader)

    response = client.post(
        reverse("rights:legal_hold", args=[people.bente.pk]),
        {"legal_hold": "on", "reason": "Sag"},
    )

    assert response.status_code == 403
    assert not CitizenPrivacy.objects.exists()
