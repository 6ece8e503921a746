"""Capacity under concurrent enrolments: threads enrol at the same moment on PostgreSQL, where the
course row lock (select_for_update) makes them take turns."""

import datetime
import threading

import pytest
from django.db import connection

from citizens.courses import services
from citizens.models import Enrollment
from tests import factories as f
from tests.conftest import needs_postgresql
from tests.courses import factories as cf

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_exceed_the_capacity(world):
    needs_postgresql()
    course = cf.CourseFactory(lead=world.staff, capacity=2, host_offers=[world.nabo])
    citizens = [f.CitizenFactory(home_offers=[world.nabo]) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors = []

    def enrol(citizen):
        try:
            barrier.wait()
            services.enrollment_create(course=course, citizen=citizen, by=world.staff)
        except Exception as error:  # noqa: BLE001 - reported to the main thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(citizen,)) for citizen in citizens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    enrollments = Enrollment.objects.filter(course=course)
    assert enrollments.filter(waiting_position__isnull=True).count() == 2
    positions = sorted(
        enrollments.exclude(waiting_position=None).values_list("waiting_position", flat=True)
    )
    assert positions == [1, 2, 3, 4]


@pytest.mark.django_db(transaction=True)
def test_a_place_freed_while_newcomers_enrol_goes_to_the_first_in_line(world):
    needs_postgresql()
    course = cf.CourseFactory(lead=world.staff, capacity=1, host_offers=[world.nabo])
    holder, first, second = (f.CitizenFactory(home_offers=[world.nabo]) for _ in range(3))
    held = services.enrollment_create(course=course, citizen=holder, by=world.staff)
    first_in_line = services.enrollment_create(course=course, citizen=first, by=world.staff)
    services.enrollment_create(course=course, citizen=second, by=world.staff)
    newcomers = [f.CitizenFactory(home_offers=[world.nabo]) for _ in range(THREADS - 1)]
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(work):
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - reported to the main thread below
            errors.append(error)
        finally:
            connection.close()

    def end():
        services.enrollment_end(
            enrollment=held, outcome="completed", end_date=datetime.date.today(), by=world.staff
        )

    def enrol(citizen):
        return lambda: services.enrollment_create(course=course, citizen=citizen, by=world.staff)

    threads = [threading.Thread(target=run, args=(end,))] + [
        threading.Thread(target=run, args=(enrol(citizen),)) for citizen in newcomers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    first_in_line.refresh_from_db()
    assert first_in_line.is_active
    enrollments = Enrollment.objects.filter(course=course)
    assert list(enrollments.filter(waiting_position__isnull=True, outcome="")) == [first_in_line]
    waiting = enrollments.exclude(waiting_position=None).order_by("waiting_position")
    assert [e.waiting_position for e in waiting] == list(range(1, THREADS + 1))
    assert waiting[0].citizen == second
