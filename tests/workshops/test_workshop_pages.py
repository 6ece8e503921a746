"""The workshop list and a workshop's page, for each role that takes part."""

import pytest
from django.urls import reverse

from tests.workshops.factories import WorkshopFactory

LIST = reverse("workshops:list")


def test_the_list_shows_the_workshops_in_scope(client, world, ws):
    client.force_login(world.staff)
    response = client.get(LIST)
    assert list(response.context["page"].object_list) == [ws.amager]
    assert not response.context["can_create"]


def test_the_list_costs_the_same_with_more_workshops(
    client, world, ws, django_assert_max_num_queries
):
    for n in range(30):
        WorkshopFactory(process=ws.process, district=world.amager, title=f"Ekstra {n}")
    client.force_login(world.administration)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25
    assert "Næste side" in response.content.decode()


def test_the_nav_shows_workshops_to_the_roles_that_take_part(client, world):
    client.force_login(world.council_member)
    assert "Workshops" in client.get(reverse("workshops:list")).content.decode()
    client.force_login(world.dpo)
    assert client.get(LIST).status_code == 403


def test_the_leader_sees_the_button_to_create(client, world, ws):
    client.force_login(world.leader)
    assert client.get(LIST).context["can_create"]


def test_the_page_shows_programme_themes_tables_and_milestones(client, world, ws):
    ws.amager.programme.create(order=0, text="Prioritering af temaer (fagligt spor)")
    ws.process.milestones.create(kind="status_note", title="Statusnotat til Socialudvalget")
    client.force_login(world.council_member)
    response = client.get(reverse("workshops:detail", args=[ws.amager.pk]))
    html = response.content.decode()
    assert "Prioritering af temaer (fagligt spor)" in html
    assert "Hvad skal AST kunne tilbyde?" in html
    assert "Bord 1" in html
    assert "Statusnotat til Socialudvalget" in html
    assert not response.context["can_facilitate"]


@pytest.mark.parametrize("role", ["staff", "leader", "council_member"])
def test_another_districts_workshop_answers_404(client, world, ws, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("workshops:detail", args=[ws.norrebro.pk])).status_code == 404


def test_administration_reads_every_districts_workshop(client, world, ws):
    client.force_login(world.administration)
    response = client.get(reverse("workshops:detail", args=[ws.norrebro.pk]))
    assert response.status_code == 200
    assert not response.context["can_facilitate"] and not response.context["can_manage"]
