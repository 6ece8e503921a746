import datetime

import pytest
from django.urls import reverse

from citizens.models import Course, Session

pytestmark = pytest.mark.django_db


def _post(client, course, day):
    return client.post(
        reverse("courses:session_create", args=[course.pk]),
        {"date": day.isoformat(), "starts_at": "10:00", "place": "Nabo", "theme": "Søvn"},
    )


def test_it_creates_a_session(client, world, courses):
    client.force_login(world.staff)
    response = _post(client, courses.course, courses.course.start_date)
    assert response.status_code == 302
    assert Session.objects.get(course=courses.course).theme == "Søvn"


def test_a_session_outside_a_referred_course_is_refused_in_danish(client, world, courses):
    course = courses.course
    Course.objects.filter(pk=course.pk).update(
        kind="referred", expected_effect="Færre indlæggelser"
    )
    client.force_login(world.staff)
    response = _post(client, course, course.end_date + datetime.timedelta(days=1))
    assert response.status_code == 200
    assert "Mødegangen skal ligge inden for forløbets datoer" in response.content.decode()
    assert not Session.objects.exists()


def test_an_unreferred_course_may_meet_any_day(client, world, courses):
    course = courses.course
    Course.objects.filter(pk=course.pk).update(kind="unreferred")
    client.force_login(world.staff)
    _post(client, course, course.end_date + datetime.timedelta(days=10))
    assert Session.objects.filter(course=course).exists()


def test_staff_of_another_offer_gets_404(client, world, courses):
    client.force_login(courses.griffen_staff)
    response = _post(client, courses.course, courses.course.start_date)
    assert response.status_code == 404
    assert not Session.objects.exists()
