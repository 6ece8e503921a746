"""Facilitators add and count the tables: participants by kind, never by name."""

from django.urls import reverse

from workshops.models import Table


def test_it_adds_a_table_with_counts(client, world, ws):
    client.force_login(world.staff)
    response = client.post(
        reverse("workshops:table_create", args=[ws.amager.pk]),
        {
            "number": 2,
            "name": "Det grønne bord",
            "users": 5,
            "relatives": 1,
            "staff": 2,
            "partners": 0,
        },
    )
    assert response.status_code == 302
    table = Table.objects.get(workshop=ws.amager, number=2)
    assert table.participants == 8


def test_it_changes_a_tables_counts(client, world, ws):
    client.force_login(world.leader)
    url = reverse("workshops:table_edit", args=[ws.amager.pk, ws.table.pk])
    client.post(url, {"number": 1, "users": 6, "relatives": 0, "staff": 2, "partners": 1})
    ws.table.refresh_from_db()
    assert (ws.table.users, ws.table.partners) == (6, 1)


def test_negative_counts_and_a_taken_number_are_refused(client, world, ws):
    client.force_login(world.staff)
    url = reverse("workshops:table_create", args=[ws.amager.pk])
    response = client.post(
        url, {"number": 1, "users": -1, "relatives": 0, "staff": 0, "partners": 0}
    )
    html = response.content.decode()
    assert "Der er allerede et bord med det nummer." in html
    assert "større end eller lig 0" in html
    assert Table.objects.filter(workshop=ws.amager).count() == 1


def test_another_districts_workshop_answers_404(client, world, ws):
    client.force_login(world.staff)
    url = reverse("workshops:table_create", args=[ws.norrebro.pk])
    assert client.post(url, {"number": 5}).status_code == 404
    url = reverse("workshops:table_edit", args=[ws.amager.pk, ws.norrebro_table.pk])
    assert client.get(url).status_code == 404


def test_council_members_cannot_add_tables(client, world, ws):
    client.force_login(world.council_member)
    assert client.get(reverse("workshops:table_create", args=[ws.amager.pk])).status_code == 403
