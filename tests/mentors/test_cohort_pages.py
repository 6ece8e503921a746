"""The coordinator's pages: cohorts, participants, module sessions and the one-tap register."""

import datetime

from django.urls import reverse

from astnet.models import AuditEvent
from peers.mentors.models import ModuleAttendance, ModuleSession, TrainingCohort
from tests.mentors import factories as mf


def test_the_coordinator_creates_a_cohort(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:cohort_create"),
        {
            "programme": mentor_world.programme.pk,
            "name": "Efterårsholdet",
            "start": "2026-09-01",
            "end": "2026-12-01",
            "seats": "12",
        },
    )
    cohort = TrainingCohort.objects.get(name="Efterårsholdet")
    assert response["Location"] == reverse("mentors:cohort_detail", args=[cohort.pk])
    assert AuditEvent.objects.filter(object_type="peers.trainingcohort", action="create").exists()


def test_a_cohort_ending_before_it_starts_is_refused_in_danish(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:cohort_create"),
        {
            "programme": mentor_world.programme.pk,
            "name": "Baglæns",
            "start": "2026-09-01",
            "end": "2026-08-01",
            "seats": "12",
        },
    )
    assert response.status_code == 200
    assert "Holdet skal slutte samme dag som eller efter det starter." in response.content.decode()
    assert not TrainingCohort.objects.filter(name="Baglæns").exists()


def test_other_roles_are_kept_out(client, mentor_world):
    w = mentor_world.world
    client.force_login(w.leader)
    assert client.get(reverse("mentors:cohorts"))["Location"] == reverse("mentors:index")
    detail = reverse("mentors:cohort_detail", args=[mentor_world.cohort.pk])
    assert client.get(detail).status_code == 404
    for user in (w.staff, w.peer_mentor, w.administration, mentor_world.sara.user):
        client.force_login(user)
        assert client.get(reverse("mentors:cohorts")).status_code == 403
        assert client.get(detail).status_code == 403
    client.logout()
    assert client.get(detail).status_code == 302


def test_the_cohort_page_shows_progress_and_certification(
    client, mentor_world, django_assert_max_num_queries
):
    w = mentor_world
    for _ in range(4):
        mf.ParticipationFactory(cohort=w.cohort)
    client.force_login(w.coordinator)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("mentors:cohort_detail", args=[w.cohort.pk]))
    body = response.content.decode()
    assert "Sara Sørensen" in body
    assert "Samtalen" in body


def test_a_session_is_created_and_the_register_taps_present(client, mentor_world):
    w = mentor_world
    client.force_login(w.coordinator)
    response = client.post(
        reverse("mentors:session_create", args=[w.cohort.pk]),
        {"module": w.modules[0].pk, "date": "2026-03-02"},
    )
    session = ModuleSession.objects.get()
    assert response["Location"] == reverse("mentors:session_register", args=[session.pk])

    toggle = reverse("mentors:attendance_toggle", args=[session.pk, w.sara_on_cohort.pk])
    response = client.post(toggle, {"present": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<li")
    assert "Sara Sørensen er registreret som til stede." in body
    assert ModuleAttendance.objects.get(participation=w.sara_on_cohort).present

    response = client.post(toggle, {"present": "0"})
    assert response["Location"] == reverse("mentors:session_register", args=[session.pk])
    assert not ModuleAttendance.objects.get(participation=w.sara_on_cohort).present


def test_a_module_from_another_programme_is_refused(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    foreign = mf.TrainingModuleFactory()
    response = client.post(
        reverse("mentors:session_create", args=[mentor_world.cohort.pk]),
        {"module": foreign.pk, "date": "2026-03-02"},
    )
    assert response.status_code == 200
    assert not ModuleSession.objects.exists()


def test_a_participant_from_another_cohort_cannot_be_ticked(client, mentor_world):
    w = mentor_world
    session = w.cohort.sessions.create(module=w.modules[0], date=datetime.date(2026, 3, 2))
    stranger = mf.ParticipationFactory()
    client.force_login(w.coordinator)
    response = client.post(
        reverse("mentors:attendance_toggle", args=[session.pk, stranger.pk]), {"present": "1"}
    )
    assert response.status_code == 404
    assert not ModuleAttendance.objects.exists()


def test_another_leader_cannot_tick(client, mentor_world):
    w = mentor_world
    session = w.cohort.sessions.create(module=w.modules[0], date=datetime.date(2026, 3, 2))
    client.force_login(w.world.leader)
    response = client.post(
        reverse("mentors:attendance_toggle", args=[session.pk, w.sara_on_cohort.pk]),
        {"present": "1"},
    )
    assert response.status_code == 404
    assert not ModuleAttendance.objects.exists()


def test_the_coordinator_adds_a_participant(client, mentor_world):
    newcomer = mf.PeerMentorFactory()
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:participant_add", args=[mentor_world.cohort.pk]),
        {"mentor": newcomer.pk},
    )
    assert response.status_code == 302
    assert mentor_world.cohort.participations.filter(mentor=newcomer).exists()


def test_the_coordinator_creates_a_mentor_with_a_login_and_membership(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    language = mf.LanguageFactory(name="Arabisk")
    response = client.post(
        reverse("mentors:mentor_create"),
        {
            "first_name": "Layla",
            "last_name": "Hassan",
            "username": "layla",
            "email": "layla@example.invalid",
            "district": mentor_world.nordvest.pk,
            "engagement": "user_job",
            "languages": [language.pk],
        },
    )
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="layla")
    assert not user.has_usable_password()
    assert user.memberships.get().role == "peer_mentor"
    assert list(user.peer_mentor.languages.all()) == [language]


def test_a_taken_username_is_refused(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:mentor_create"),
        {
            "first_name": "Sara",
            "username": "SARA",
            "email": "s@example.invalid",
            "district": mentor_world.nordvest.pk,
            "engagement": "volunteer",
        },
    )
    assert "Brugernavnet er allerede i brug." in response.content.decode()


def test_the_coordinator_pauses_a_mentor(client, mentor_world):
    w = mentor_world
    client.force_login(w.coordinator)
    response = client.post(
        reverse("mentors:mentor_edit", args=[w.sara.pk]),
        {"district": w.nordvest.pk, "status": "paused", "engagement": "paid_task"},
    )
    assert response["Location"] == reverse("mentors:certification")
    w.sara.refresh_from_db()
    assert w.sara.status == "paused"
    assert w.sara.engagement == "paid_task"


def test_another_leader_cannot_edit_a_mentor(client, mentor_world):
    client.force_login(mentor_world.world.leader)
    response = client.post(
        reverse("mentors:mentor_edit", args=[mentor_world.sara.pk]),
        {"district": mentor_world.nordvest.pk, "status": "stopped", "engagement": "volunteer"},
    )
    assert response.status_code == 404
    mentor_world.sara.refresh_from_db()
    assert mentor_world.sara.status == "in_training"


def test_the_certification_list_costs_the_same_for_many_mentors(
    client, mentor_world, django_assert_max_num_queries
):
    for _ in range(10):
        mf.ParticipationFactory(cohort=mentor_world.cohort)
    client.force_login(mentor_world.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("mentors:certification"))
    assert "Sara Sørensen" in response.content.decode()
