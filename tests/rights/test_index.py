"""Finding a citizen: the officer searches every citizen, a leader their district's."""

from django.urls import reverse

from astnet.models import AuditEvent
from tests import factories as f


def _names(response) -> list[str]:
    return [citizen.chosen_name for citizen in response.context["page"].object_list]


def test_the_dpo_finds_a_citizen_by_name(client, world, people, django_assert_max_num_queries):
    for number in range(30):
        f.CitizenFactory(chosen_name=f"Borger {number}")
    client.force_login(world.dpo)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("rights:index"), {"q": "blomst"})

    assert response.status_code == 200
    assert _names(response) == ["Bente Blomst"]


def test_the_list_is_paginated(client, world, people):
    for number in range(30):
        f.CitizenFactory(chosen_name=f"Borger {number:02}")
    client.force_login(world.dpo)

    response = client.get(reverse("rights:index"))

    assert len(_names(response)) == 25
    assert response.context["page"].paginator.count == 32


def test_a_leader_finds_only_their_district(client, world, people):
    client.force_login(world.leader)

    response = client.get(reverse("rights:index"))

    assert _names(response) == ["Bente Blomst"]


def test_staff_are_refused(client, world):
    client.force_login(world.staff)

    assert client.get(reverse("rights:index")).status_code == 403


def test_the_citizen_page_offers_the_exports_and_is_audited(client, world, people):
    client.force_login(world.dpo)

    response = client.get(reverse("rights:citizen", args=[people.bente.pk]))

    page = response.content.decode()
    assert reverse("rights:export_pdf", args=[people.bente.pk]) in page
    assert reverse("rights:anonymise", args=[people.bente.pk]) in page
    assert AuditEvent.objects.filter(action="view", object_id=str(people.bente.pk)).exists()


def test_a_leader_sees_no_anonymise_button(client, world, people):
    client.force_login(world.leader)

    response = client.get(reverse("rights:citizen", args=[people.bente.pk]))

    assert reverse("rights:anonymise", args=[people.bente.pk]) not in response.content.decode()
