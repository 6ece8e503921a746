"""A leader changes their district's workshop; the programme is replaced whole."""

from django.urls import reverse

from workshops.models import Workshop


def test_it_changes_the_workshop_and_its_programme(client, world, ws):
    client.force_login(world.leader)
    url = reverse("workshops:edit", args=[ws.amager.pk])
    form = client.get(url).context["form"]
    assert form.initial["themes"] == [ws.opening_hours, ws.peer]
    response = client.post(
        url,
        {
            "process": ws.process.pk,
            "district": world.amager.pk,
            "title": "Workshop 1 (flyttet)",
            "date": "2015-09-08",
            "dots_per_participant": 4,
            "themes": [ws.peer.pk],
            "programme_text": "Velkomst",
        },
    )
    assert response.status_code == 302
    ws.amager.refresh_from_db()
    assert ws.amager.title == "Workshop 1 (flyttet)"
    assert list(ws.amager.themes.all()) == [ws.peer]
    assert [item.text for item in ws.amager.programme.all()] == ["Velkomst"]


def test_staff_cannot_change_the_workshop(client, world, ws):
    client.force_login(world.staff)
    assert client.get(reverse("workshops:edit", args=[ws.amager.pk])).status_code == 403


def test_another_districts_workshop_answers_404(client, world, ws):
    client.force_login(world.leader)
    response = client.post(reverse("workshops:edit", args=[ws.norrebro.pk]), {"title": "X"})
    assert response.status_code == 404
    assert Workshop.objects.get(pk=ws.norrebro.pk).title == "Workshop 1"
