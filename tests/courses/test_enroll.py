import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from citizens.models import Enrollment, Goal

pytestmark = pytest.mark.django_db


def _post(client, course, citizen, **extra):
    data = {
        "citizen": citizen.pk,
        "referral_source": "ast",
        "referral_date": "2026-11-20",
        "goal_text": "",
        "vum_reference": "",
    }
    data.update(extra)
    return client.post(reverse("courses:enroll", args=[course.pk]), data)


def test_it_gives_a_place_and_keeps_the_goal_in_the_citizens_words(client, world, courses):
    anne = courses.nabo_citizens[0]
    client.force_login(world.staff)
    response = _post(client, courses.course, anne, goal_text="Sove hele natten", vum_reference="M2")
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(citizen=anne)
    assert enrollment.is_active
    assert enrollment.start_date is not None
    goal = Goal.objects.get(enrollment=enrollment)
    assert (goal.text, goal.vum_reference) == ("Sove hele natten", "M2")
    assert AuditEvent.objects.filter(object_type="citizens.enrollment", detail="place").exists()
    page = client.get(reverse("courses:detail", args=[courses.course.pk])).content.decode()
    assert "Sove hele natten" in page


def test_a_full_course_puts_the_citizen_on_the_waiting_list(client, world, courses):
    client.force_login(world.staff)
    for citizen in courses.nabo_citizens[:5]:
        _post(client, courses.course, citizen)
    enrollments = Enrollment.objects.filter(course=courses.course)
    assert enrollments.filter(waiting_position__isnull=True).count() == 3
    assert sorted(
        enrollments.values_list("waiting_position", flat=True).exclude(waiting_position=None)
    ) == [1, 2]
    response = client.get(reverse("courses:detail", args=[courses.course.pk]))
    assert "Venteliste" in response.content.decode()


def test_enrolling_twice_is_refused_with_a_danish_message(client, world, courses):
    anne = courses.nabo_citizens[0]
    client.force_login(world.staff)
    _post(client, courses.course, anne)
    response = _post(client, courses.course, anne)
    assert response.status_code == 200
    assert "er allerede tilmeldt forløbet" in response.content.decode()
    assert Enrollment.objects.filter(citizen=anne).count() == 1


def test_staff_may_refer_their_citizen_to_a_course_in_another_district(client, world, courses):
    client.force_login(courses.griffen_staff)
    response = _post(
        client, courses.course, courses.griffen_citizen, referring_offer=world.griffen.pk
    )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(citizen=courses.griffen_citizen)
    assert enrollment.referring_offer == world.griffen
    # The referrer sees their citizen's enrolment, not the course's other participants.
    page = client.get(reverse("courses:detail", args=[courses.course.pk])).content.decode()
    assert "Deltagere" not in page


def test_a_citizen_outside_the_users_scope_cannot_be_enrolled(client, world, courses):
    client.force_login(world.staff)
    response = _post(client, courses.course, courses.griffen_citizen)
    assert "Vælg en borger fra listen." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_leaders_cannot_enrol(client, world, courses):
    client.force_login(world.leader)
    assert _post(client, courses.course, courses.nabo_citizens[0]).status_code == 403
    assert not Enrollment.objects.exists()


def test_the_course_page_costs_the_same_with_more_participants(
    client, world, courses, django_assert_max_num_queries
):
    from citizens.courses import services

    for citizen in courses.nabo_citizens:
        services.enrollment_create(
            course=courses.course, citizen=citizen, by=world.staff, goal_text="Et mål"
        )
    client.force_login(world.staff)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("courses:detail", args=[courses.course.pk]))
    # Goals are shown for the three with a place; the two waiting are listed by name.
    assert response.content.decode().count("Et mål") == 3
