"""Factories for courses (forløb), their sessions, enrolments and goals."""

import datetime

import factory

from citizens.models import Attendance, Course, Enrollment, Goal, GoalRating, Session
from tests import factories as f


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Forløb {n}")
    kind = Course.Kind.S85_GROUP
    track = factory.SubFactory(f.TrackFactory)
    lead = factory.SubFactory(f.UserFactory)
    capacity = 8
    themes = "Søvn\nMad\nBevægelse"
    start_date = factory.LazyFunction(datetime.date.today)
    end_date = factory.LazyAttribute(lambda course: course.start_date + datetime.timedelta(days=60))

    @factory.post_generation
    def host_offers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.host_offers.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    date = factory.LazyAttribute(lambda session: session.course.start_date)
    starts_at = datetime.time(10, 0)
    place = "Mødelokalet"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    course = factory.SubFactory(CourseFactory)
    citizen = factory.SubFactory(f.CitizenFactory)
    start_date = factory.LazyAttribute(lambda enrollment: enrollment.course.start_date)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    enrollment = factory.SubFactory(EnrollmentFactory)
    status = Attendance.Status.PRESENT


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    citizen = factory.SubFactory(f.CitizenFactory)
    text = "Jeg vil sove bedre og komme ud om morgenen"


class GoalRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalRating

    goal = factory.SubFactory(GoalFactory)
    score = 5
    rated_on = factory.LazyFunction(datetime.date.today)
