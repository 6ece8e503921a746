"""The house plan (issue 15), checked so it cannot drift: every model is accounted for by the access
door, and no module grows past the size a newcomer can read."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from astnet import access
from astnet.models import Membership
from offers.models import Track
from tests.factories import MembershipFactory, TrackFactory, UserFactory

PROJECT_APPS = ("astnet", "offers", "citizens", "peers", "workshops")
LONGEST_MODULE = 400


def _project_models():
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in PROJECT_APPS:
            # Auto-created many-to-many tables are reached only through their two ends.
            yield from config.get_models(include_auto_created=False)


@pytest.mark.parametrize("model", list(_project_models()), ids=lambda m: m._meta.label_lower)
def test_every_model_has_an_access_rule_or_is_declared_public(model):
    label = model._meta.label_lower
    assert access.is_accounted_for(label), (
        f"{label} has no rule: add @rule('{label}') to its app's access.py, or "
        f"declare_public('{label}', reason) if it holds nothing to scope."
    )


def test_a_model_without_a_rule_is_refused_whole(db, django_user_model):
    """What the rule test protects against: the door shows nothing of a model it does not know."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("someone")
    Group.objects.create(name="visible to no one")
    assert not access.is_accounted_for("auth.group")
    assert not access.scope(user, Group).exists()


def test_a_public_model_is_read_whole_and_changed_by_no_one(db):
    track = TrackFactory()
    user = UserFactory()
    assert list(access.scope(user, Track)) == [track]
    assert not access.scope(user, Track, "change").exists()


def test_a_user_reads_only_their_own_memberships(db):
    mine = MembershipFactory()
    MembershipFactory()
    assert list(access.scope(mine.user, Membership)) == [mine]
    assert not access.scope(mine.user, Membership, "change").exists()


def test_a_label_gets_one_rule_only():
    with pytest.raises(ImproperlyConfigured, match="already has an access rule"):
        access.declare_public("offers.offer", "a second word on offers")


def _modules():
    root = Path(settings.BASE_DIR)
    for package in PROJECT_APPS:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.relative_to(root).parts:
                yield path.relative_to(root)


@pytest.mark.parametrize("path", list(_modules()), ids=str)
def test_no_module_is_longer_than_400_lines(path):
    lines = len((Path(settings.BASE_DIR) / path).read_text().splitlines())
    assert lines <= LONGEST_MODULE, (
        f"{path} has {lines} lines: split it by sub-topic (a package, or services.py + voting.py)."
    )
