"""Retention: citizens without activity for the retention period are anonymised each night;
the dry run (command and page) lists them and changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from citizens.models import Citizen, Visit
from citizens.rights import services as rights_services
from citizens.rights.models import CitizenPrivacy
from citizens.rights.tasks import anonymise_expired
from tests import factories as f
from tests.rights import factories as rf

TODAY = datetime.date(2026, 6, 1)
RETENTION_DAYS = 100
CUTOFF = TODAY - datetime.timedelta(days=RETENTION_DAYS)


@pytest.fixture(autouse=True)
def short_retention(settings):
    settings.CITIZEN_RETENTION_DAYS = RETENTION_DAYS


def _citizen(world, name: str, **fields):
    citizen = f.CitizenFactory(chosen_name=name, district=world.amager, **fields)
    long_ago = timezone.make_aware(datetime.datetime(2024, 1, 1, 12))
    Citizen.objects.filter(pk=citizen.pk).update(created_at=long_ago)
    return citizen


@pytest.fixture
def idle(world):
    return _citizen(world, "Ingen Aktivitet")


def test_a_citizen_without_activity_is_a_candidate(idle):
    assert list(rights_services.retention_candidates(TODAY)) == [idle]


def test_a_visit_on_the_cutoff_day_keeps_the_citizen(world, idle):
    Visit.objects.create(citizen=idle, offer=world.nabo, day=CUTOFF)

    assert list(rights_services.retention_candidates(TODAY)) == []


def test_a_visit_the_day_before_the_cutoff_does_not(world, idle):
    Visit.objects.create(citizen=idle, offer=world.nabo, day=CUTOFF - datetime.timedelta(days=1))

    assert list(rights_services.retention_candidates(TODAY)) == [idle]


def test_a_recent_talk_keeps_the_citizen(world, idle):
    rf.TalkFactory(citizen=idle, offer=world.nabo, held_on=CUTOFF + datetime.timedelta(days=3))

    assert list(rights_services.retention_candidates(TODAY)) == []


def test_a_recently_created_citizen_is_kept(world):
    f.CitizenFactory(chosen_name="Ny")

    assert list(rights_services.retention_candidates(TODAY)) == []


def test_a_legal_hold_keeps_the_citizen(world, idle):
    rights_services.legal_hold_set(citizen=idle, hold=True, reason="Klagesag", by=world.dpo)

    assert list(rights_services.retention_candidates(TODAY)) == []
    assert rights_services.anonymise_expired(today=TODAY) == []
    assert Citizen.objects.get(pk=idle.pk).chosen_name == "Ingen Aktivitet"


def test_the_job_anonymises_the_expired_only(world, idle):
    active = _citizen(world, "Aktiv")
    Visit.objects.create(citizen=active, offer=world.nabo, day=TODAY)

    assert rights_services.anonymise_expired(today=TODAY) == [idle.pk]

    assert Citizen.objects.get(pk=idle.pk).chosen_name == "Anonymiseret borger"
    assert Citizen.objects.get(pk=active.pk).chosen_name == "Aktiv"
    assert CitizenPrivacy.objects.get(citizen=idle).anonymisation_reason == "retention"
    assert rights_services.anonymise_expired(today=TODAY) == []


def test_the_dry_run_changes_nothing(idle):
    assert rights_services.anonymise_expired(dry_run=True, today=TODAY) == [idle.pk]

    assert Citizen.objects.get(pk=idle.pk).chosen_name == "Ingen Aktivitet"
    assert not CitizenPrivacy.objects.exists()


def test_the_command_dry_run_lists_ids_and_changes_nothing(idle):
    out = StringIO()

    call_command("anonymise_expired", "--dry-run", stdout=out)

    assert "1 borger ville blive anonymiseret" in out.getvalue()
    assert f"citizen {idle.pk}" in out.getvalue()
    assert "Ingen Aktivitet" not in out.getvalue()
    assert Citizen.objects.get(pk=idle.pk).chosen_name == "Ingen Aktivitet"


def test_the_command_anonymises(idle):
    call_command("anonymise_expired", stdout=StringIO())

    assert Citizen.objects.get(pk=idle.pk).chosen_name == "Anonymiseret borger"


def test_the_nightly_task_anonymises(idle):
    assert anonymise_expired.delay().get() == {"anonymised": 1}


def test_the_nightly_task_is_scheduled(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="citizens.rights_tasks.anonymise_expired")
    assert task.enabled and task.crontab is not None


def test_the_dry_run_page_lists_who_would_go(client, world, idle, django_assert_max_num_queries):
    client.force_login(world.dpo)

    # The view event of a page with personal data: its chain link and the event (issue 16).
    with django_assert_max_num_queries(22):
        response = client.get(reverse("rights:retention"))

    assert response.status_code == 200
    assert "Ingen Aktivitet" in response.content.decode()
    assert Citizen.objects.get(pk=idle.pk).chosen_name == "Ingen Aktivitet"


def test_the_dry_run_page_is_the_dpo_s(client, world):
    client.force_login(world.leader)

    assert client.get(reverse("rights:retention")).status_code == 403
