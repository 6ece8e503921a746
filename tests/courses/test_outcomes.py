import datetime

import pytest
from django.urls import reverse

from citizens.courses import selectors
from citizens.models import Attendance
from tests import factories as f
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(world, courses):
    """Seven on the course: five completed, two stopped; five with attendance, two goals rising."""
    course = courses.course
    course.capacity = 10
    course.save()
    sessions = [
        cf.SessionFactory(course=course, date=course.start_date + datetime.timedelta(days=d))
        for d in (0, 7, 14, 21)
    ]
    citizens = [f.CitizenFactory(home_offers=[world.nabo]) for _ in range(7)]
    end = course.start_date + datetime.timedelta(days=30)
    for index, citizen in enumerate(citizens):
        stopped = index >= 5
        enrollment = cf.EnrollmentFactory(
            course=course,
            citizen=citizen,
            outcome="stopped_early" if stopped else "completed",
            stop_reason="Flyttet" if stopped else "",
            end_date=end,
        )
        if index < 5:
            for number, session in enumerate(sessions):
                status = Attendance.Status.PRESENT if number < index else Attendance.Status.ABSENT
                cf.AttendanceFactory(session=session, enrollment=enrollment, status=status)
        if index < 2:
            goal = cf.GoalFactory(citizen=citizen, enrollment=enrollment)
            cf.GoalRatingFactory(goal=goal, score=3, rated_on=course.start_date)
            cf.GoalRatingFactory(goal=goal, score=6, rated_on=end)
    return course


def test_small_counts_are_shown_as_under_five_and_cannot_be_worked_out(finished):
    (outcome,) = selectors.outcomes_per_course([finished])
    # enrolled, ongoing, completed, stopped, moved on, median attendance, goals rising: with all
    # seven ended, "completed" would give "stopped" away (7 - 5 = 2), so it is hidden as well.
    assert outcome.display_row() == ["7", "0", "x", "<5", "0", "50 %", "<5"]


def test_the_median_is_hidden_below_five_people(world, courses):
    enrollment = cf.EnrollmentFactory(course=courses.course, citizen=courses.nabo_citizens[0])
    cf.AttendanceFactory(session=cf.SessionFactory(course=courses.course), enrollment=enrollment)
    (outcome,) = selectors.outcomes_per_course([courses.course])
    assert outcome.display_row()[5] == "<5"


def test_the_summary_page_per_track_and_course(
    client, world, finished, django_assert_max_num_queries
):
    cf.CourseFactory(track=finished.track, lead=world.staff, host_offers=[world.nabo])
    client.force_login(world.leader)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("courses:outcomes"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Livsstilsændringer og sundhed" in content
    assert "&lt;5" in content


def test_other_roles_are_refused(client, world, courses):
    client.force_login(world.council_member)
    assert client.get(reverse("courses:outcomes")).status_code == 403
