import datetime

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from citizens.courses import services
from citizens.models import Course, Enrollment
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_course(world, courses):
    for citizen in courses.nabo_citizens:
        services.enrollment_create(course=courses.course, citizen=citizen, by=world.staff)
    return courses.course


def _enrollment(citizen):
    return Enrollment.objects.get(citizen=citizen)


def _end(client, enrollment, **extra):
    return client.post(
        reverse("courses:enrollment_end", args=[enrollment.pk]),
        {
            "outcome": "stopped_early",
            "end_date": datetime.date.today().isoformat(),
            "stop_reason": "Har fået arbejde om formiddagen",
            **extra,
        },
        follow=True,
    )


def test_moving_up_is_refused_while_the_course_is_full(client, world, courses, full_course):
    dennis = _enrollment(courses.nabo_citizens[3])
    client.force_login(world.staff)
    response = client.post(reverse("courses:move_up", args=[dennis.pk]), follow=True)
    assert "Der er ingen ledig plads på forløbet." in response.content.decode()
    dennis.refresh_from_db()
    assert dennis.waiting_position == 1


def test_a_freed_place_goes_to_the_first_in_line_and_staff_are_told(
    client, world, courses, full_course
):
    anne, dennis, emil = (_enrollment(courses.nabo_citizens[i]) for i in (0, 3, 4))
    client.force_login(world.staff)
    response = _end(client, anne)
    assert "Dennis var nr. 1 på ventelisten og har fået den ledige plads." in (
        response.content.decode()
    )
    dennis.refresh_from_db()
    emil.refresh_from_db()
    assert dennis.is_active
    assert dennis.start_date == datetime.date.today()
    assert emil.waiting_position == 1
    assert AuditEvent.objects.filter(
        object_type="citizens.enrollment", object_id=str(dennis.pk), detail="moved up"
    ).exists()


def test_a_newcomer_after_a_place_freed_joins_the_end_of_the_line(
    client, world, courses, full_course
):
    anne = _enrollment(courses.nabo_citizens[0])
    client.force_login(world.staff)
    _end(client, anne)
    newcomer = f.CitizenFactory(chosen_name="Frida", home_offers=[world.nabo])
    frida = services.enrollment_create(course=courses.course, citizen=newcomer, by=world.staff)
    assert frida.waiting_position == 2
    assert _enrollment(courses.nabo_citizens[3]).is_active


def test_a_newcomer_never_passes_the_line_even_when_a_place_is_free(world, courses, full_course):
    # A place left free (as before issue 19) must still go to the line, not to the newcomer.
    Course.objects.filter(pk=full_course.pk).update(capacity=4)
    newcomer = f.CitizenFactory(home_offers=[world.nabo])
    late = services.enrollment_create(course=full_course, citizen=newcomer, by=world.staff)
    assert late.waiting_position == 3


def test_more_places_go_to_the_line_in_order(world, courses, full_course):
    full_course.capacity = 4
    _course, moved_up = services.course_save(
        course=full_course, host_offers=[world.nabo], peer_mentors=[], by=world.staff
    )
    assert [e.citizen.chosen_name for e in moved_up] == ["Dennis"]
    assert _enrollment(courses.nabo_citizens[4]).waiting_position == 1


def test_raising_the_capacity_on_the_form_tells_staff_who_moved_up(
    client, world, courses, full_course
):
    client.force_login(world.staff)
    page = client.get(reverse("courses:edit", args=[full_course.pk]))
    data = {
        key: value
        for key, value in page.context["form"].initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(capacity=5, host_offers=[world.nabo.pk], track=full_course.track_id)
    response = client.post(reverse("courses:edit", args=[full_course.pk]), data, follow=True)
    content = response.content.decode()
    assert "Dennis var nr. 1 på ventelisten" in content
    assert "Emil var nr. 1 på ventelisten" in content
    assert not Enrollment.objects.filter(course=full_course, waiting_position__isnull=False)


def test_only_the_first_in_line_can_be_moved_up(client, world, courses, full_course):
    Course.objects.filter(pk=full_course.pk).update(capacity=4)
    emil = _enrollment(courses.nabo_citizens[4])
    client.force_login(world.staff)
    response = client.post(reverse("courses:move_up", args=[emil.pk]), follow=True)
    assert "Den, der har ventet længst, får den næste ledige plads." in response.content.decode()
    emil.refresh_from_db()
    assert emil.waiting_position == 2
    dennis = _enrollment(courses.nabo_citizens[3])
    client.post(reverse("courses:move_up", args=[dennis.pk]))
    dennis.refresh_from_db()
    emil.refresh_from_db()
    assert (dennis.is_active, emil.waiting_position) == (True, 1)


def test_leaving_the_waiting_list_closes_the_line_without_giving_a_place(
    client, world, courses, full_course
):
    dennis, emil = (_enrollment(courses.nabo_citizens[i]) for i in (3, 4))
    client.force_login(world.staff)
    _end(client, dennis)
    emil.refresh_from_db()
    assert emil.waiting_position == 1


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


def test_a_finished_course_gives_no_place_to_the_line(world, courses, full_course):
    Course.objects.filter(pk=full_course.pk).update(
        start_date=datetime.date.today() - datetime.timedelta(days=30),
        end_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    anne = _enrollment(courses.nabo_citizens[0])

    _ended, moved_up = services.enrollment_end(
        enrollment=anne,
        outcome="completed",
        end_date=datetime.date.today(),
        by=world.staff,
    )

    assert moved_up == []
    assert _enrollment(courses.nabo_citizens[3]).waiting_position == 1
