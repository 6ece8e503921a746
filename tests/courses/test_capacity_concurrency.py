"""Capacity under concurrent enrolments: threads enrol at the same moment on PostgreSQL, where the
course row lock (select_for_update) makes them take turns."""

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
