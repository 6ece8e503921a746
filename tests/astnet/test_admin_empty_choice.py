"""Issue 20: the admin's selects start with "Vælg …" like every other select, never "---------"."""

import pytest
from django.contrib import admin
from django.urls import reverse

from astnet.admin_site import AstnetAdminSite, DanishEmptyChoiceMixin
from tests import factories as f

DJANGO_EMPTY_LABEL = "---------"


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_the_default_admin_site_is_ours():
    assert isinstance(admin.site, AstnetAdminSite)


@pytest.mark.parametrize(
    "model_admin", [model_admin for _model, model_admin in _registered()], ids=str
)
def test_every_admin_and_inline_has_the_danish_empty_choice(model_admin):
    assert isinstance(model_admin, DanishEmptyChoiceMixin)
    for inline in model_admin.inlines:
        assert issubclass(inline, DanishEmptyChoiceMixin)


def test_no_add_form_in_the_admin_shows_django_s_empty_choice(admin_client):
    seen = 0
    for model, _model_admin in _registered():
        info = (model._meta.app_label, model._meta.model_name)
        response = admin_client.get(reverse("admin:{}_{}_add".format(*info)))
        if response.status_code == 403:
            # Read-only in the admin (the audit log, reports): no add form to look at.
            continue
        assert response.status_code == 200, model
        page = response.content.decode()
        assert DJANGO_EMPTY_LABEL not in page, model._meta.label
        seen += "<select" in page
    # The walk did look at selects (foreign keys and choices), not only at empty pages.
    assert seen >= 10


def test_the_change_list_s_action_menu_starts_with_the_danish_label(admin_client):
    f.DistrictFactory()  # the action menu is shown above rows, not on an empty list
    page = admin_client.get(reverse("admin:offers_district_changelist")).content.decode()
    assert "Vælg …" in page
    assert DJANGO_EMPTY_LABEL not in page
