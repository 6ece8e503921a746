"""`get_in_scope` finds an object exactly when the model's rule shows it (issue 22 changed how:
the rule now stands in the lookup as the user's scope compiled once, `access.follows`, not built
again around the caller's queryset). Walked for every rule, every demo user and role, an
anonymous and an inactive user, and both actions, on the demo's data."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.http import Http404

from astnet import access

pytestmark = pytest.mark.django_db

# In scope and out of it, this many of each per model, user and action: enough to see a rule
# widen or narrow, few enough to walk every rule.
SAMPLE = 3


def _users() -> list:
    User = get_user_model()
    users = [User.objects.get(pk=user.pk) for user in User.objects.order_by("pk")]
    inactive = User.objects.filter(memberships__isnull=False).order_by("pk").first()
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    return [*users, User.objects.get(pk=inactive.pk), AnonymousUser()]


def test_an_object_is_found_exactly_when_its_rule_shows_it(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    checked = 0
    for user in _users():
        for label in sorted(access._RULES):
            model = apps.get_model(label)
            every = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
            for action in ("view", "change"):
                # A fresh user object per action: nothing found before is remembered.
                fresh = (
                    user if isinstance(user, AnonymousUser) else type(user).objects.get(pk=user.pk)
                )
                shown = set(
                    access._scope(fresh, model._default_manager.all(), action).values_list(
                        "pk", flat=True
                    )
                )
                inside = [pk for pk in every if pk in shown][:SAMPLE]
                outside = [pk for pk in every if pk not in shown][:SAMPLE]
                for pk in inside:
                    assert access.get_in_scope(fresh, model, action, pk=pk).pk == pk
                    assert (
                        access.get_in_scope(fresh, model._default_manager.all(), action, pk=pk).pk
                        == pk
                    )
                for pk in outside:
                    with pytest.raises(Http404):
                        access.get_in_scope(fresh, model, action, pk=pk)
                    with pytest.raises(Http404):
                        access.get_in_scope(fresh, model._default_manager.all(), action, pk=pk)
                checked += len(inside) + len(outside)
    assert checked > 500
