"""What the database itself keeps: consent before a citizen link, sensible dates, seats, order."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from peers.mentors import services
from peers.mentors.models import PeerMentor
from tests import factories as f
from tests.mentors import factories as mf


def test_a_citizen_link_without_consent_is_refused_by_the_database(mentor_world):
    citizen = f.CitizenFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PeerMentor.objects.filter(pk=mentor_world.sara.pk).update(citizen=citizen)


def test_a_citizen_link_with_dated_consent_is_kept(mentor_world):
    citizen = f.CitizenFactory()
    PeerMentor.objects.filter(pk=mentor_world.sara.pk).update(
        citizen=citizen, citizen_consent=True, citizen_consent_at=timezone.now()
    )
    assert PeerMentor.objects.get(pk=mentor_world.sara.pk).citizen == citizen


def test_the_service_links_a_citizen_only_with_consent(mentor_world):
    w = mentor_world
    citizen = f.CitizenFactory()
    with pytest.raises(ValidationError) as refusal:
        services.peer_mentor_link_citizen(
            by=w.coordinator, mentor=w.sara, citizen=citizen, consent=False
        )
    assert "samtykke" in str(refusal.value)
    w.sara.refresh_from_db()
    assert w.sara.citizen is None

    services.peer_mentor_link_citizen(
        by=w.coordinator, mentor=w.sara, citizen=citizen, consent=True
    )
    w.sara.refresh_from_db()
    assert w.sara.citizen == citizen
    assert w.sara.citizen_consent_at is not None


def test_a_cohort_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        mf.TrainingCohortFactory(start=datetime.date(2026, 5, 1), end=datetime.date(2026, 4, 1))


def test_a_cohort_needs_a_seat(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        mf.TrainingCohortFactory(seats=0)


def test_a_module_number_is_used_once_per_programme(db):
    module = mf.TrainingModuleFactory(order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        mf.TrainingModuleFactory(programme=module.programme, order=1)


def test_a_mentor_is_on_a_cohort_once(mentor_world):
    with pytest.raises(ValidationError):
        services.participation_add(
            by=mentor_world.coordinator, cohort=mentor_world.cohort, mentor=mentor_world.sara
        )


def test_a_full_cohort_takes_no_more(mentor_world):
    w = mentor_world
    w.cohort.seats = 2
    w.cohort.save()
    with pytest.raises(ValidationError) as refusal:
        services.participation_add(by=w.coordinator, cohort=w.cohort, mentor=mf.PeerMentorFactory())
    assert "fuldt" in str(refusal.value)
    assert w.cohort.participations.count() == 2


def test_a_placement_needs_hours(mentor_world):
    with pytest.raises(IntegrityError), transaction.atomic():
        mf.PlacementFactory(mentor=mentor_world.sara, hours_per_week=0)
