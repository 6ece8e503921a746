"""A mentor is certified when every required module has a session they attended: computed, tested."""

import datetime

from django.urls import reverse

from peers.mentors import selectors
from tests.mentors import factories as mf
from tests.mentors.conftest import attend

DAY = datetime.date(2026, 3, 2)


def test_it_certifies_when_every_required_module_is_attended(mentor_world):
    w = mentor_world
    attend(w.sara_on_cohort, w.modules[0], DAY)
    attend(w.sara_on_cohort, w.modules[1], DAY + datetime.timedelta(days=7))

    assert selectors.is_certified(w.sara)
    dates = selectors.certification_dates(participation_ids=[w.sara_on_cohort.pk])
    assert dates[w.sara_on_cohort.pk] == DAY + datetime.timedelta(days=7)


def test_an_optional_module_is_not_needed(mentor_world):
    w = mentor_world
    attend(w.sara_on_cohort, w.modules[0], DAY)
    attend(w.sara_on_cohort, w.modules[2], DAY)

    assert not selectors.is_certified(w.sara)


def test_being_registered_absent_does_not_count(mentor_world):
    w = mentor_world
    attend(w.sara_on_cohort, w.modules[0], DAY)
    attend(w.sara_on_cohort, w.modules[1], DAY, present=False)

    assert not selectors.is_certified(w.sara)


def test_another_mentors_attendance_does_not_count(mentor_world):
    w = mentor_world
    attend(w.omar_on_cohort, w.modules[0], DAY)
    attend(w.omar_on_cohort, w.modules[1], DAY)
    attend(w.sara_on_cohort, w.modules[0], DAY)

    assert selectors.is_certified(w.omar)
    assert not selectors.is_certified(w.sara)


def test_the_first_attended_session_of_a_module_dates_it(mentor_world):
    w = mentor_world
    attend(w.sara_on_cohort, w.modules[0], DAY)
    attend(w.sara_on_cohort, w.modules[1], DAY + datetime.timedelta(days=3))
    attend(w.sara_on_cohort, w.modules[1], DAY + datetime.timedelta(days=30))

    dates = selectors.mentor_certification_dates(mentor_ids=[w.sara.pk])
    assert dates[w.sara.pk] == DAY + datetime.timedelta(days=3)


def test_a_programme_without_required_modules_certifies_nobody(db):
    participation = mf.ParticipationFactory()
    module = mf.TrainingModuleFactory(programme=participation.cohort.programme, required=False)
    attend(participation, module, DAY)

    assert not selectors.is_certified(participation.mentor)


def test_it_costs_three_queries_however_many_participants(mentor_world, django_assert_num_queries):
    w = mentor_world
    for _ in range(5):
        participation = mf.ParticipationFactory(cohort=w.cohort)
        attend(participation, w.modules[0], DAY)
        attend(participation, w.modules[1], DAY)
    ids = list(w.cohort.participations.values_list("pk", flat=True))

    with django_assert_num_queries(3):
        dates = selectors.certification_dates(participation_ids=ids)

    assert sum(1 for day in dates.values() if day) == 5


def test_a_certified_mentor_is_shown_certified_not_in_training(client, mentor_world):
    w = mentor_world
    attend(w.sara_on_cohort, w.modules[0], DAY)
    attend(w.sara_on_cohort, w.modules[1], DAY)
    client.force_login(w.world.leader)

    page = client.get(reverse("mentors:network")).content.decode()

    sara_row = next(row for row in page.split("<tr") if "Sara" in row)
    omar_row = next(row for row in page.split("<tr") if "Omar" in row)
    assert "Certificeret" in sara_row and "Under uddannelse" not in sara_row
    assert "Under uddannelse" in omar_row
