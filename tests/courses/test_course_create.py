import datetime

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from citizens.models import Course, Session
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def _data(world, courses, **changes):
    data = {
        "title": "Bedre søvn",
        "kind": "s85_group",
        "format": "group",
        "track": courses.track.pk,
        "host_offers": [world.nabo.pk],
        "lead": world.staff.pk,
        "themes": "Søvn\nMad",
        "capacity": "8",
        "start_date": "2026-12-01",
        "end_date": "2027-02-01",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_it_creates_a_course_and_writes_an_audit_event(client, world, courses):
    client.force_login(world.staff)
    response = client.post(reverse("courses:create"), _data(world, courses))
    course = Course.objects.get(title="Bedre søvn")
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:detail", args=[course.pk])
    assert list(course.host_offers.all()) == [world.nabo]
    assert course.created_by == world.staff
    assert AuditEvent.objects.filter(
        object_type="citizens.course", object_id=str(course.pk)
    ).exists()


def test_it_refuses_a_course_that_ends_before_it_starts(client, world, courses):
    client.force_login(world.staff)
    response = client.post(reverse("courses:create"), _data(world, courses, end_date="2026-11-01"))
    assert response.status_code == 200
    assert "Forløbet kan ikke slutte, før det starter." in response.content.decode()
    assert not Course.objects.filter(title="Bedre søvn").exists()


def test_the_database_refuses_a_course_that_ends_before_it_starts(world, courses):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=courses.course.pk).update(
            end_date=courses.course.start_date - datetime.timedelta(days=1)
        )


def test_a_referred_course_needs_an_end_date_and_an_expected_effect(client, world, courses):
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:create"), _data(world, courses, kind="referred", end_date="")
    )
    content = response.content.decode()
    assert "Et visiteret forløb skal have en slutdato." in content
    assert "Et visiteret forløb skal have en forventet effekt." in content
    assert not Course.objects.filter(title="Bedre søvn").exists()


def test_it_refuses_a_course_the_creator_could_not_run(client, world, courses):
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:create"),
        _data(world, courses, host_offers=[world.griffen.pk], lead=courses.griffen_staff.pk),
    )
    assert "Du skal selv være tovholder" in response.content.decode()
    assert not Course.objects.filter(title="Bedre søvn").exists()


def test_it_refuses_leaders_and_anonymous_users(client, world, courses):
    client.force_login(world.leader)
    assert client.get(reverse("courses:create")).status_code == 403
    client.logout()
    assert client.get(reverse("courses:create")).status_code == 302


def test_staff_of_another_offer_cannot_edit(client, world, courses):
    client.force_login(courses.griffen_staff)
    assert client.get(reverse("courses:edit", args=[courses.course.pk])).status_code == 404


def test_moving_a_referred_course_away_from_its_sessions_is_refused(client, world, courses):
    course = courses.course
    Course.objects.filter(pk=course.pk).update(kind="referred", expected_effect="Bedre søvn")
    cf.SessionFactory(course=course, date=course.start_date + datetime.timedelta(days=30))
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:edit", args=[course.pk]),
        _data(
            world,
            courses,
            title=course.title,
            kind="referred",
            expected_effect="Bedre søvn",
            start_date=course.start_date.isoformat(),
            end_date=(course.start_date + datetime.timedelta(days=7)).isoformat(),
        ),
    )
    assert "Flyt mødegangene først" in response.content.decode()
    course.refresh_from_db()
    assert course.end_date == course.start_date + datetime.timedelta(days=60)
    assert Session.objects.filter(course=course).count() == 1
