"""Opfølgning: consenting citizens not seen for longer than their offer's threshold."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from citizens import tasks
from citizens.follow_up.services import refresh_follow_up
from citizens.models import FollowUp, FollowUpSetting, Outreach
from citizens.services import consent_withdraw
from tests import factories as f
from tests.citizens.factories import ConsentFactory, FollowUpFactory

TODAY = datetime.date(2026, 11, 23)


def _days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def away(world):
    """A consenting regular at Nabo, last seen 20 days ago."""
    citizen = f.CitizenFactory(chosen_name="Vera", home_offers=[world.nabo])
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=_days_ago(20))
    ConsentFactory(citizen=citizen)
    return citizen


def test_a_consenting_citizen_away_longer_than_14_days_is_put_on_the_list(world, away):
    result = refresh_follow_up(today=TODAY)

    follow_up = FollowUp.objects.get()
    assert result == {"opened": 1, "closed": 0}
    assert (follow_up.citizen, follow_up.offer) == (away, world.nabo)
    assert follow_up.last_visit_on == _days_ago(20)


def test_refresh_is_idempotent(world, away):
    refresh_follow_up(today=TODAY)
    result = refresh_follow_up(today=TODAY)

    assert result == {"opened": 0, "closed": 0}
    assert FollowUp.objects.count() == 1


def test_a_citizen_without_consent_is_never_on_the_list(world):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=_days_ago(60))
    ConsentFactory(
        citizen=citizen,
        given_at=timezone.now() - datetime.timedelta(days=90),
        withdrawn_at=timezone.now(),
    )

    refresh_follow_up(today=TODAY)

    assert not FollowUp.objects.exists()


def test_the_offers_own_threshold_decides(world, away):
    FollowUpSetting.objects.create(offer=world.nabo, threshold_days=30)

    refresh_follow_up(today=TODAY)

    assert not FollowUp.objects.exists()


def test_a_citizen_who_came_back_leaves_the_list_at_the_next_refresh(world, away):
    refresh_follow_up(today=TODAY)
    f.VisitFactory(citizen=away, offer=world.nabo, day=TODAY)

    result = refresh_follow_up(today=TODAY)

    assert result["closed"] == 1
    assert FollowUp.objects.get().close_reason == "visited"


def test_withdrawing_consent_takes_the_citizen_off_the_list_at_once(client, world, away):
    refresh_follow_up(today=TODAY)
    client.force_login(world.staff)
    assert "Vera" in client.get(reverse("citizens:follow_up")).content.decode()

    consent_withdraw(consent=away.consents.get(), by=world.staff)

    assert "Vera" not in client.get(reverse("citizens:follow_up")).content.decode()
    assert FollowUp.objects.get().close_reason == "consent_withdrawn"


def test_the_list_shows_who_contacts_the_citizen_and_is_audited(client, world, away):
    away.contact_person = world.staff
    away.save()
    refresh_follow_up(today=TODAY)
    client.force_login(world.staff)

    response = client.get(reverse("citizens:follow_up"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Vera" in body and "Mette" in body and "Registrér kontakt" in body
    from astnet.models import AuditEvent

    assert AuditEvent.objects.filter(action="view", object_type="citizens.followup").exists()


def test_the_list_costs_the_same_queries_for_many_follow_ups(
    client, world, django_assert_max_num_queries
):
    for n in range(30):
        citizen = f.CitizenFactory(home_offers=[world.nabo], contact_person=world.staff)
        ConsentFactory(citizen=citizen)
        FollowUpFactory(citizen=citizen, offer=world.nabo, opened_on=_days_ago(n))
    client.force_login(world.staff)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("citizens:follow_up"))

    assert response.status_code == 200


def test_staff_see_only_their_own_offers_follow_ups(client, world):
    citizen = f.CitizenFactory(chosen_name="Ulla", home_offers=[world.griffen])
    ConsentFactory(citizen=citizen)
    FollowUpFactory(citizen=citizen, offer=world.griffen)
    client.force_login(world.staff)

    assert "Ulla" not in client.get(reverse("citizens:follow_up")).content.decode()


def test_the_leader_sees_counts_per_offer_in_the_district(client, world, away):
    refresh_follow_up(today=TODAY)
    client.force_login(world.leader)

    response = client.get(reverse("citizens:follow_up"))

    body = response.content.decode()
    assert "Opfølgninger pr. tilbud i bydelen" in body
    assert "Kompasset" in body and "Griffenfeldsgade" not in body
    assert list(response.context["offer_counts"].values_list("name", "open_follow_ups")) == [
        ("Kompasset", None),
        ("Nabo", 1),
    ]
    assert "Registrér kontakt" not in body


def test_logging_a_reached_outreach_closes_the_follow_up(client, world, away):
    refresh_follow_up(today=TODAY)
    follow_up = FollowUp.objects.get()
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:outreach_create", args=[follow_up.pk]),
        {"on": timezone.localdate().isoformat(), "outcome": "reached", "note": "Kommer torsdag."},
    )

    follow_up.refresh_from_db()
    assert response.status_code == 302
    assert Outreach.objects.get().by == world.staff
    assert follow_up.close_reason == "reached"


def test_an_unanswered_call_keeps_the_follow_up_open(client, world, away):
    refresh_follow_up(today=TODAY)
    follow_up = FollowUp.objects.get()
    client.force_login(world.staff)

    client.post(
        reverse("citizens:outreach_create", args=[follow_up.pk]),
        {"on": timezone.localdate().isoformat(), "outcome": "no_answer"},
    )

    follow_up.refresh_from_db()
    assert follow_up.closed_at is None


def test_an_outreach_in_the_future_is_refused(client, world, away):
    refresh_follow_up(today=TODAY)
    follow_up = FollowUp.objects.get()
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:outreach_create", args=[follow_up.pk]),
        {"on": "2999-01-01", "outcome": "reached"},
    )

    assert response.status_code == 400
    assert "Datoen ligger i fremtiden" in response.content.decode()
    assert not Outreach.objects.exists()


def test_staff_of_another_offer_cannot_log_an_outreach(client, world, away):
    refresh_follow_up(today=TODAY)
    client.force_login(f.member("staff", offer=world.griffen, username="gitte"))

    response = client.get(reverse("citizens:outreach_create", args=[FollowUp.objects.get().pk]))

    assert response.status_code == 404


def test_staff_set_their_offers_threshold(client, world):
    client.force_login(world.staff)
    url = reverse("citizens:threshold", args=[world.nabo.pk])

    refused = client.post(url, {"threshold_days": "0"})
    saved = client.post(url, {"threshold_days": "21"})

    assert refused.status_code == 400
    assert "mellem 1 og 365" in refused.content.decode()
    assert saved.status_code == 302
    assert FollowUpSetting.objects.get(offer=world.nabo).threshold_days == 21
    assert client.get(reverse("citizens:threshold", args=[world.griffen.pk])).status_code == 404


def test_the_task_refreshes_the_list(world, away):
    result = tasks.refresh_follow_up.delay().get()

    assert result["opened"] == 1


def test_the_refresh_is_scheduled_nightly(db):
    task = PeriodicTask.objects.get(task="citizens.tasks.refresh_follow_up")

    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("2", "30")
