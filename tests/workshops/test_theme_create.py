"""A leader adds a theme with its questions to the process and the workshop's agenda."""

from django.urls import reverse

from workshops.models import Theme


def url(workshop):
    return reverse("workshops:theme_create", args=[workshop.pk])


def test_it_adds_a_theme_with_questions_to_the_workshop(client, world, ws):
    client.force_login(world.leader)
    response = client.post(
        url(ws.amager),
        {"title": "Afstand", "questions": "Hvor langt vil du gå?\n\nHvor langt vil du gå?\nBus?"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(title="Afstand")
    assert theme.process == ws.process and theme.order == 3
    assert [q.text for q in theme.questions.all()] == ["Hvor langt vil du gå?", "Bus?"]
    assert theme in ws.amager.themes.all()


def test_a_theme_already_in_the_process_is_refused(client, world, ws):
    client.force_login(world.leader)
    response = client.post(url(ws.amager), {"title": "åbningstider"})
    assert "Temaet findes allerede i processen" in response.content.decode()
    assert Theme.objects.filter(process=ws.process).count() == 2


def test_staff_cannot_add_themes(client, world, ws):
    client.force_login(world.staff)
    assert client.post(url(ws.amager), {"title": "Afstand"}).status_code == 403


def test_another_districts_workshop_answers_404(client, world, ws):
    client.force_login(world.leader)
    assert client.post(url(ws.norrebro), {"title": "Afstand"}).status_code == 404
    assert not Theme.objects.filter(title="Afstand").exists()
