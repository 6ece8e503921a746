import datetime

import pytest
from django.urls import reverse

from citizens.courses import services
from citizens.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_course(world, courses):
    for citizen in courses.nabo_citizens:
        services.enrollment_create(course=courses.course, citizen=citizen, by=world.staff)
    return courses.course


def _enrollment(citizen):
    return Enrollment.objects.get(citizen=citizen)


def test_moving_up_is_refused_while_the_course_is_full(client, world, courses, full_course):
    dennis = _enrollment(courses.nabo_citizens[3])
    client.force_login(world.staff)
    response = client.post(reverse("courses:move_up", args=[dennis.pk]), follow=True)
    assert "Der er ingen ledig plads på forløbet." in response.content.decode()
    dennis.refresh_from_db()
    assert dennis.waiting_position == 1


def test_when_a_place_frees_up_a_citizen_moves_up_and_the_line_closes(
    client, world, courses, full_course
):
    anne, dennis, emil = (_enrollment(courses.nabo_citizens[i]) for i in (0, 3, 4))
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:enrollment_end", args=[anne.pk]),
        {
            "outcome": "stopped_early",
            "end_date": datetime.date.today().isoformat(),
            "stop_reason": "Har fået arbejde om formiddagen",
        },
    )
    assert response.status_code == 302
    client.post(reverse("courses:move_up", args=[emil.pk]))
    emil.refresh_from_db()
    dennis.refresh_from_db()
    assert emil.is_active
    assert dennis.waiting_position == 1


def test_stopping_early_needs_a_reason(client, world, courses, full_course):
    anne = _enrollment(courses.nabo_citizens[0])
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:enrollment_end", args=[anne.pk]),
        {"outcome": "stopped_early", "end_date": datetime.date.today().isoformat()},
    )
    assert "Skriv årsagen til, at borgeren stoppede." in response.content.decode()
    anne.refresh_from_db()
    assert anne.outcome == ""


def test_moving_on_names_the_offer(client, world, courses, full_course):
    anne = _enrollment(courses.nabo_citizens[0])
    client.force_login(world.staff)
    client.post(
        reverse("courses:enrollment_end", args=[anne.pk]),
        {
            "outcome": "moved_on",
            "end_date": datetime.date.today().isoformat(),
            "moved_on_to": world.kompasset.pk,
        },
    )
    anne.refresh_from_db()
    assert (anne.outcome, anne.moved_on_to) == ("moved_on", world.kompasset)


def test_staff_of_another_offer_cannot_move_citizens_up(client, world, courses, full_course):
    emil = _enrollment(courses.nabo_citizens[4])
    client.force_login(courses.griffen_staff)
    assert client.post(reverse("courses:move_up", args=[emil.pk])).status_code == 404
    emil.refresh_from_db()
    assert emil.waiting_position == 2
