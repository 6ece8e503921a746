"""The rules in peers.mentors.access for peer mentors: who sees which rows."""

import pytest

from astnet import access
from peers.mentors import access as mentor_access
from peers.mentors.models import (
    ModuleAttendance,
    Participation,
    PeerMeeting,
    PeerMentor,
    Placement,
    TrainingCohort,
    YearlyTarget,
)
from tests.mentors import factories as mf


def test_only_the_holder_of_the_coordinator_role_is_the_training_coordinator(mentor_world):
    assert mentor_access.is_training_coordinator(mentor_world.coordinator)
    assert not mentor_access.is_training_coordinator(mentor_world.world.leader)
    assert not mentor_access.is_training_coordinator(mentor_world.world.administration)


def test_a_mentor_sees_their_own_record_and_progress_only(mentor_world):
    user = mentor_world.sara.user
    assert list(access.scope(user, PeerMentor)) == [mentor_world.sara]
    assert list(access.scope(user, Participation)) == [mentor_world.sara_on_cohort]
    assert list(access.scope(user, TrainingCohort)) == [mentor_world.cohort]
    assert not access.scope(user, TrainingCohort, "change").exists()
    assert not access.scope(user, ModuleAttendance, "change").exists()


@pytest.mark.parametrize("model", [PeerMentor, Placement, PeerMeeting, Participation])
def test_administration_sees_no_rows_only_aggregates(mentor_world, model):
    mf.PlacementFactory(mentor=mentor_world.sara, offer=mentor_world.mamma_mia)
    mf.PeerMeetingFactory(offer=mentor_world.mamma_mia, mentors=[mentor_world.sara])
    assert not access.scope(mentor_world.world.administration, model).exists()


def test_administration_reads_the_yearly_targets(mentor_world):
    YearlyTarget.objects.create(year=2026, target_trained=12)
    assert access.scope(mentor_world.world.administration, YearlyTarget).count() == 1
    assert not access.scope(mentor_world.world.administration, YearlyTarget, "change").exists()


def test_staff_see_placements_and_meetings_at_their_own_offers(mentor_world):
    w = mentor_world
    at_nabo = mf.PlacementFactory(mentor=w.sara, offer=w.world.nabo)
    mf.PlacementFactory(mentor=w.omar, offer=w.mamma_mia)
    meeting = mf.PeerMeetingFactory(offer=w.world.nabo, mentors=[w.sara])
    mf.PeerMeetingFactory(offer=w.mamma_mia, mentors=[w.omar])
    assert list(access.scope(w.world.staff, Placement)) == [at_nabo]
    assert list(access.scope(w.world.staff, PeerMeeting)) == [meeting]
    assert not access.scope(w.world.staff, Placement, "change").exists()
    assert access.scope(w.coordinator, Placement, "change").count() == 2
