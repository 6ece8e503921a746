"""A facilitator removes a mistyped input after confirming."""

from django.urls import reverse

from astnet.models import AuditEvent
from tests.workshops.factories import InputFactory
from workshops.models import Input


def test_it_asks_before_deleting(client, world, ws):
    item = InputFactory(table=ws.table, theme=ws.peer, text="Stavefejl")
    client.force_login(world.staff)
    response = client.get(reverse("workshops:input_delete", args=[item.pk]))
    assert "Slet input?" in response.content.decode()
    assert Input.objects.filter(pk=item.pk).exists()


def test_it_deletes_and_writes_an_audit_event(client, world, ws):
    item = InputFactory(table=ws.table, theme=ws.peer)
    client.force_login(world.staff)
    response = client.post(reverse("workshops:input_delete", args=[item.pk]))
    assert response.url == reverse("workshops:live", args=[ws.amager.pk])
    assert not Input.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(item.pk)).exists()


def test_another_districts_input_answers_404(client, world, ws):
    client.force_login(world.staff)
    response = client.post(reverse("workshops:input_delete", args=[ws.norrebro_input.pk]))
    assert response.status_code == 404
    assert Input.objects.filter(pk=ws.norrebro_input.pk).exists()
