"""One registry of personal data (issue 16, part 1): every model that can hold a citizen's data is
declared with what anonymisation does to each field, and a model left out fails."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from astnet import personal_data
from citizens.models import Citizen


def test_every_model_that_can_hold_personal_data_is_declared():
    assert personal_data.problems() == []


@isolate_apps("citizens")
def test_a_new_model_about_a_citizen_without_a_declaration_fails():
    class Diary(models.Model):  # noqa: DJ008
        citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE)
        entry = models.TextField()

        class Meta:
            app_label = "citizens"

    assert personal_data.problems([Diary]) == [
        "citizens.diary: not declared (links ['citizen'], free text or files ['entry'])"
    ]


@isolate_apps("offers")
def test_a_new_model_with_a_file_or_free_text_fails_too():
    class Flyer(models.Model):  # noqa: DJ008
        image = models.FileField()

        class Meta:
            app_label = "offers"

    class Note(models.Model):  # noqa: DJ008
        text = models.TextField()

        class Meta:
            app_label = "offers"

    assert len(personal_data.problems([Flyer, Note])) == 2


def test_a_declared_model_with_an_undeclared_free_text_field_fails(monkeypatch):
    monkeypatch.setitem(
        personal_data._REGISTRY,
        "citizens.outreach",
        personal_data.Declaration("citizens.outreach", "citizen", fields={}),
    )
    assert "citizens.outreach.note: no treatment declared" in personal_data.problems()


def test_a_kept_field_needs_a_reason():
    with pytest.raises(ValueError, match="say why"):
        personal_data.declare("tests.nothing", fields={"text": personal_data.Treatment.KEEP})


def test_the_admins_list_and_form_of_a_model_about_citizens_are_audited(client, world):
    from django.urls import reverse

    from astnet.models import AuditEvent

    world.dpo.is_staff = world.dpo.is_superuser = True
    world.dpo.save()
    client.force_login(world.dpo)

    assert client.get(reverse("admin:peers_application_changelist")).status_code == 200

    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, detail="admin list")
    assert (event.actor, event.object_type) == (world.dpo, "peers.application")


def test_every_admin_of_a_model_about_citizens_is_wrapped():
    from django.contrib import admin

    about = {d.label for d in personal_data.about_citizens()}
    registered = {m._meta.label_lower: a for m, a in admin.site._registry.items()}
    for label in about & set(registered):
        assert getattr(registered[label], "_astnet_audited", False), label
