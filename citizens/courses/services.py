"""Writes for courses (forløb): each change in one transaction with its audit event.

Every change of places or the waiting list locks the course row first, so two staff enrolling or
ending at once take turns: the second waits for the first and sees its result.

The waiting-list rule (issue 19): a freed place goes to the first in line, never to whoever is
enrolled next, and a newcomer joins the end of the line while anyone is waiting. `_fill_free_places`
is the one function that hands out freed places; every write that can free one calls it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.formats import format_date
from citizens.courses import selectors
from citizens.courses.access import may_run
from citizens.courses.models import Attendance, Course, Enrollment, Goal, GoalRating, Session


def _validate_sessions_within(course: Course) -> None:
    if course.kind != Course.Kind.REFERRED or course.pk is None or course.end_date is None:
        return
    outside = course.sessions.exclude(date__range=(course.start_date, course.end_date))
    if outside.exists():
        raise ValidationError(
            {
                "end_date": _(
                    "Forløbet har mødegange uden for de nye datoer. Flyt mødegangene først."
                )
            }
        )


@transaction.atomic
def course_save(
    *, course: Course, host_offers, peer_mentors, by, request=None
) -> tuple[Course, list[Enrollment]]:
    """Create or change a course. The one saving it must be able to run it afterwards.

    Returns the course and the enrolments moved up from the waiting list because the capacity
    grew (first in line first). Raises ValidationError when `by` could not run it or it is invalid.
    """
    host_ids = {offer.pk for offer in host_offers}
    if not may_run(by, lead_id=course.lead_id, host_offer_ids=host_ids):
        raise ValidationError(
            {
                "host_offers": _(
                    "Du skal selv være tovholder eller arbejde på et af værtstilbuddene."
                )
            }
        )
    if not host_ids:
        raise ValidationError({"host_offers": _("Vælg mindst ét værtstilbud.")})
    created = course.pk is None
    if created:
        course.created_by = by
    else:
        # Locked like every other change of places, so a bigger capacity and a concurrent
        # enrolment cannot both hand out the same freed place.
        Course.objects.select_for_update().values_list("pk").get(pk=course.pk)
    course.full_clean()
    _validate_sessions_within(course)
    course.save()
    course.host_offers.set(host_offers)
    course.peer_mentors.set(peer_mentors)
    audit_record(
        actor=by, action=Action.CREATE if created else Action.CHANGE, target=course, request=request
    )
    moved_up = [] if created else _fill_free_places(course, by=by, request=request)
    return course, moved_up


def validate_session_date(course: Course, day: datetime.date) -> None:
    """A referred course is time-limited: its sessions fall within its dates."""
    if course.kind != Course.Kind.REFERRED:
        return
    if day < course.start_date or (course.end_date and day > course.end_date):
        raise ValidationError(
            {
                "date": _("Mødegangen skal ligge inden for forløbets datoer (%(start)s–%(end)s).")
                % {
                    "start": format_date(course.start_date),
                    "end": format_date(course.end_date),
                }
            }
        )


@transaction.atomic
def session_save(*, session: Session, by, request=None) -> Session:
    created = session.pk is None
    validate_session_date(session.course, session.date)
    session.full_clean()
    session.save()
    audit_record(
        actor=by,
        action=Action.CREATE if created else Action.CHANGE,
        target=session,
        request=request,
    )
    return session


def _first_day(course: Course, today: datetime.date) -> datetime.date:
    return max(today, course.start_date)


def _active_count(course: Course) -> int:
    return course.enrollments.filter(waiting_position__isnull=True, outcome="").count()


def _has_waiting(course: Course) -> bool:
    return course.enrollments.filter(waiting_position__isnull=False).exists()


def _move_up(course: Course, enrollment: Enrollment, *, by, request=None) -> Enrollment:
    position = enrollment.waiting_position
    enrollment.waiting_position = None
    enrollment.start_date = _first_day(course, timezone.localdate())
    enrollment.save(update_fields=["waiting_position", "start_date"])
    _close_gap(course, position)
    audit_record(
        actor=by, action=Action.CHANGE, target=enrollment, request=request, detail="moved up"
    )
    return enrollment


def _fill_free_places(course: Course, *, by, request=None) -> list[Enrollment]:
    """Give every free place on `course` to the first in line, in order. The caller holds the
    course row lock. A course that has ended hands out nothing. Returns the enrolments moved up
    (each with an audit event "moved up"), so the caller can tell staff whom to tell."""
    moved_up = []
    if course.end_date and course.end_date < timezone.localdate():
        return moved_up  # a finished course gives no places; its line stays as it ended
    free = course.capacity - _active_count(course)
    if free <= 0:
        return moved_up
    first_in_line = course.enrollments.filter(waiting_position__isnull=False).select_related(
        "citizen"
    )
    for enrollment in list(first_in_line.order_by("waiting_position")[:free]):
        # Re-read: closing the gap behind the previous one moved everyone one step up.
        enrollment.refresh_from_db(fields=["waiting_position"])
        moved_up.append(_move_up(course, enrollment, by=by, request=request))
    return moved_up


def enrollment_create(
    *,
    course: Course,
    citizen,
    by,
    referral_source: str = Enrollment.Source.AST,
    referring_offer=None,
    referral_date: datetime.date | None = None,
    goal_text: str = "",
    vum_reference: str = "",
    request=None,
) -> Enrollment:
    """Give the citizen a place, or the next place on the waiting list when the course is full or
    anyone is already waiting (a newcomer never passes the line, issue 19). Raises ValidationError
    when the course has ended or the citizen is on it already."""
    today = timezone.localdate()
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.end_date and course.end_date < today:
            raise ValidationError(_("Forløbet er slut, så der kan ikke tilmeldes flere."))
        if course.enrollments.filter(citizen=citizen).exists():
            raise ValidationError(
                {"citizen": _("%(name)s er allerede tilmeldt forløbet.") % {"name": citizen}}
            )
        enrollment = Enrollment(
            course=course,
            citizen=citizen,
            referral_source=referral_source,
            referring_offer=referring_offer,
            referral_date=referral_date or today,
            enrolled_by=by,
        )
        if not _has_waiting(course) and _active_count(course) < course.capacity:
            enrollment.start_date = _first_day(course, today)
        else:
            last = (
                course.enrollments.filter(waiting_position__isnull=False)
                .order_by("-waiting_position")
                .values_list("waiting_position", flat=True)
                .first()
            )
            enrollment.waiting_position = (last or 0) + 1
        enrollment.full_clean()
        enrollment.save()
        if goal_text.strip():
            Goal.objects.create(
                citizen=citizen,
                enrollment=enrollment,
                text=goal_text.strip(),
                vum_reference=vum_reference.strip(),
                created_by=by,
            )
        audit_record(
            actor=by,
            action=Action.CREATE,
            target=enrollment,
            request=request,
            detail="waiting list" if enrollment.is_waiting else "place",
        )
    return enrollment


def _close_gap(course: Course, position: int) -> None:
    """Everyone behind a position that left moves one step up. One row at a time, in order, so the
    unique position is never held twice."""
    behind = course.enrollments.filter(waiting_position__gt=position).order_by("waiting_position")
    for pk in behind.values_list("pk", flat=True):
        Enrollment.objects.filter(pk=pk).update(waiting_position=F("waiting_position") - 1)


def enrollment_move_up(*, enrollment: Enrollment, by, request=None) -> Enrollment:
    """A place is free and nobody has taken it yet (places are normally handed out as they free
    up): the first in line leaves the waiting list and joins the course. Raises ValidationError
    for anyone else in line, or when there is no free place."""
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=enrollment.course_id)
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if not enrollment.is_waiting:
            raise ValidationError(_("Borgeren står ikke på ventelisten."))
        if enrollment.waiting_position != 1:
            raise ValidationError(
                _("Den, der har ventet længst, får den næste ledige plads. Ryk nr. 1 op først.")
            )
        if _active_count(course) >= course.capacity:
            raise ValidationError(
                _(
                    "Der er ingen ledig plads på forløbet. Afslut en tilmelding eller giv flere pladser."
                )
            )
        return _move_up(course, enrollment, by=by, request=request)


def enrollment_end(
    *,
    enrollment: Enrollment,
    outcome: str,
    end_date: datetime.date,
    by,
    stop_reason: str = "",
    moved_on_to=None,
    moved_on_to_other: str = "",
    request=None,
) -> tuple[Enrollment, list[Enrollment]]:
    """Record how the enrolment ended; a place (or a waiting-list position) is freed, and a freed
    place goes to the first in line at once. Returns the ended enrolment and those moved up.
    Raises ValidationError when it has ended already or the values are invalid."""
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=enrollment.course_id)
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if enrollment.outcome:
            raise ValidationError(_("Tilmeldingen er allerede afsluttet."))
        position = enrollment.waiting_position
        enrollment.waiting_position = None
        enrollment.outcome = outcome
        enrollment.end_date = end_date
        enrollment.stop_reason = (
            stop_reason.strip() if outcome == Enrollment.Outcome.STOPPED_EARLY else ""
        )
        moved_on = outcome == Enrollment.Outcome.MOVED_ON
        enrollment.moved_on_to = moved_on_to if moved_on else None
        enrollment.moved_on_to_other = moved_on_to_other.strip() if moved_on else ""
        if enrollment.start_date and end_date < enrollment.start_date:
            raise ValidationError(
                {"end_date": _("Slutdatoen kan ikke ligge før borgeren startede på forløbet.")}
            )
        enrollment.full_clean()
        enrollment.save()
        if position is not None:
            _close_gap(course, position)
        audit_record(
            actor=by, action=Action.CHANGE, target=enrollment, request=request, detail=outcome
        )
        moved_up = _fill_free_places(course, by=by, request=request)
    return enrollment, moved_up


@transaction.atomic
def attendance_set(*, session: Session, enrollment: Enrollment, status: str, by, request=None):
    """One tap in the register: present, absent or cancelled. Tapping again changes it."""
    if enrollment.course_id != session.course_id or enrollment.is_waiting:
        raise ValidationError(_("Borgeren har ikke en plads på forløbet."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Vælg mødt, udeblevet eller afbud."))
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        enrollment=enrollment,
        defaults={"status": status, "recorded_by": by, "recorded_at": timezone.now()},
    )
    audit_record(actor=by, action=Action.CHANGE, target=attendance, request=request, detail=status)
    return attendance


@transaction.atomic
def session_drop_ins_adjust(*, session: Session, change: int, by, request=None) -> Session:
    """Drop-ins are a head count, kept only for unreferred courses that anyone may join."""
    if session.course.kind != Course.Kind.UNREFERRED:
        raise ValidationError(_("Kun uvisiterede forløb tæller drop-in-deltagere."))
    session = Session.objects.select_for_update().get(pk=session.pk)
    session.drop_ins = max(0, session.drop_ins + change)
    session.save(update_fields=["drop_ins"])
    audit_record(actor=by, action=Action.CHANGE, target=session, request=request, detail="drop-ins")
    return session


@transaction.atomic
def goal_create(
    *, citizen, text: str, by, enrollment=None, vum_reference: str = "", request=None
) -> Goal:
    if enrollment is not None and enrollment.citizen_id != citizen.pk:
        raise ValidationError({"enrollment": _("Forløbet er ikke borgerens.")})
    goal = Goal(
        citizen=citizen,
        enrollment=enrollment,
        text=text.strip(),
        vum_reference=vum_reference.strip(),
        created_by=by,
    )
    goal.full_clean()
    goal.save()
    audit_record(actor=by, action=Action.CREATE, target=goal, request=request)
    return goal


@transaction.atomic
def goal_rating_create(
    *,
    goal: Goal,
    score: int,
    by,
    rated_on: datetime.date | None = None,
    note: str = "",
    request=None,
) -> GoalRating:
    rating = GoalRating(
        goal=goal,
        score=score,
        rated_on=rated_on or timezone.localdate(),
        note=note.strip(),
        recorded_by=by,
    )
    rating.full_clean()
    rating.save()
    audit_record(actor=by, action=Action.CREATE, target=rating, request=request)
    transaction.on_commit(lambda: goal_chart_draw(goal.pk))
    return rating


def goal_chart_draw(goal_id: int) -> None:
    """Draw the goal's chart in the city's language and keep it (`selectors.progress_svg`), so
    the citizen page and the goal page find it drawn rather than draw it while a person waits
    (issue 22). Called once a rating is committed: a rating rolled back draws nothing."""
    goal = Goal.objects.get(pk=goal_id)
    with translation.override(settings.LANGUAGE_CODE):
        selectors.progress_svg(goal, list(goal.ratings.all()))
