"""Who may see and change courses (forløb), their sessions, enrolments, register and goals.

Every AST employee may read the city's course catalogue (referrals come from any offer); the
register and the participants belong to those who run the course: staff of a host offer and the
lead change them, the host district's leaders read them. Registered into the one door
(`astnet.access`) from `CitizensConfig.ready()`.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from astnet.access import (
    ScopeAction,
    declare_follows_owner,
    follows,
    has_role,
    leader_district_ids,
    memoised,
    rule,
    scope,
    staff_offer_ids,
)
from astnet.models import Role
from citizens.courses.models import Course, Goal

# Who reads courses' pages at all (the rules below decide which rows); staff also change them.
COURSE_READERS = (Role.STAFF, Role.LEADER)


def course_runner_ids(user, action: ScopeAction) -> QuerySet:
    """The ids (a subquery) of courses whose register and participants the user works with,
    built once per request (`memoised`)."""
    return memoised(user, ("course_runner_ids", action), lambda: _course_runner_ids(user, action))


def _course_runner_ids(user, action: ScopeAction) -> QuerySet:
    condition = Q(host_offers__in=staff_offer_ids(user))
    if has_role(user, Role.STAFF):
        condition |= Q(lead=user)
    if action == "view":
        condition |= Q(host_offers__district__in=leader_district_ids(user))
    return Course.objects.filter(condition).values("pk")


def _users_with_role(role: str) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__role=role)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def possible_leads() -> QuerySet:
    """Active users who may lead a course (tovholder): staff of any offer in the city."""
    return _users_with_role(Role.STAFF)


def possible_peer_mentors() -> QuerySet:
    """Active peer mentors, who may help lead a course."""
    return _users_with_role(Role.PEER_MENTOR)


def makes_courses(user) -> bool:
    """Staff create courses and enrol citizens of their own offers on any course in the city."""
    return has_role(user, Role.STAFF)


def may_run(user, *, lead_id: int | None, host_offer_ids: Iterable[int]) -> bool:
    """Whether `user` could run a course with this lead and these host offers (ids): its lead, or
    staff at one of its host offers. Whoever saves a course must be able to run it afterwards."""
    return lead_id == user.pk or bool(set(host_offer_ids) & staff_offer_ids(user))


def runs_course(user, course: Course) -> bool:
    """Staff of a host offer and the lead keep the register and enrol on the course's behalf."""
    return scope(user, Course, "change").filter(pk=course.pk).exists()


def sees_register(user, course: Course) -> bool:
    """Those who run the course and the host district's leaders read its register."""
    return Course.objects.filter(pk=course.pk, pk__in=course_runner_ids(user, "view")).exists()


@rule("citizens.course")
def _courses(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action == "view" and has_role(user, Role.STAFF):
        return qs
    return qs.filter(pk__in=course_runner_ids(user, action))


@rule("citizens.session")
def _course_sessions(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Dates, places and themes are no one's personal data: they follow the course."""
    return qs.filter(course__in=scope(user, Course, action).values("pk"))


@rule("citizens.enrollment")
def _enrollments(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Those running the course, and (reading) those who have the citizen in their own scope."""
    condition = Q(course__in=course_runner_ids(user, action))
    if action == "view":
        citizen_model = qs.model._meta.get_field("citizen").related_model
        condition |= Q(follows(user, citizen_model, "view", "citizen"))
    return qs.filter(condition)


declare_follows_owner("citizens.enrollment", "citizen")


@rule("citizens.attendance")
def _course_attendance(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return qs.filter(session__course__in=course_runner_ids(user, action))


@rule("citizens.goal")
def _goals(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """A goal follows its citizen, and a goal set on a course also its course's runners."""
    citizen_model = qs.model._meta.get_field("citizen").related_model
    return qs.filter(
        Q(follows(user, citizen_model, action, "citizen"))
        | Q(enrollment__course__in=course_runner_ids(user, action))
    )


declare_follows_owner("citizens.goal", "citizen")


@rule("citizens.goalrating")
def _goal_ratings(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return qs.filter(Exists(scope(user, Goal, action).filter(pk=OuterRef("goal"))))
