"""Writes for peer mentors (peer-vejledere): each change in one transaction with its audit event.

Views call these; they never save the models themselves. Every refusal is a ValidationError with a
Danish message the page shows beside the field.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.models import Membership, Role
from peers.mentors import selectors
from peers.mentors.models import (
    ModuleAttendance,
    ModuleSession,
    Participation,
    PeerMeeting,
    PeerMentor,
    Placement,
    Supervision,
    TrainingCohort,
    TrainingModule,
    YearlyTarget,
)


def placement_refusal(*, mentor: PeerMentor, is_training_placement: bool) -> str | None:
    """Why this placement may not be made, or None. Form and service share the rule."""
    if is_training_placement or selectors.is_certified(mentor):
        return None
    return _(
        "Peer-vejlederen er ikke certificeret endnu. Markér placeringen som praktik under "
        "uddannelse, eller vent til alle obligatoriske moduler er gennemført."
    )


@transaction.atomic
def peer_mentor_create(
    *,
    by,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    district,
    engagement: str,
    languages=(),
    themes=(),
    request=None,
) -> PeerMentor:
    """The mentor's own login account, its peer_mentor membership and the mentor record.

    The account gets no password: the mentor sets one through the password reset e-mail (or logs
    in with the city's single sign-on), so the coordinator never knows it.
    """
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Brugernavnet er allerede i brug.")})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    Membership.objects.create(user=user, role=Role.PEER_MENTOR)
    mentor = PeerMentor(user=user, district=district, engagement=engagement)
    mentor.full_clean()
    mentor.save()
    mentor.languages.set(languages)
    mentor.themes.set(themes)
    audit_record(actor=by, action=Action.CREATE, target=mentor, request=request)
    return mentor


@transaction.atomic
def peer_mentor_update(
    *,
    by,
    mentor: PeerMentor,
    district,
    status: str,
    engagement: str,
    languages=(),
    themes=(),
    request=None,
) -> PeerMentor:
    """Status, engagement and what the mentor offers the network; a stopped mentor keeps their
    history (placements, meetings) but leaves the network."""
    mentor.district = district
    mentor.status = status
    mentor.engagement = engagement
    mentor.full_clean()
    mentor.save(update_fields=["district", "status", "engagement"])
    mentor.languages.set(languages)
    mentor.themes.set(themes)
    audit_record(actor=by, action=Action.CHANGE, target=mentor, request=request)
    return mentor


@transaction.atomic
def peer_mentor_link_citizen(
    *, by, mentor: PeerMentor, citizen, consent: bool, request=None
) -> PeerMentor:
    """Link the mentor's record to their own citizen record, only with their consent (dated)."""
    if citizen is not None and not consent:
        raise ValidationError(
            {
                "citizen_consent": _(
                    "Peer-vejlederen skal give samtykke, før der kobles til en borger."
                )
            }
        )
    mentor.citizen = citizen
    mentor.citizen_consent = citizen is not None
    mentor.citizen_consent_at = timezone.now() if citizen is not None else None
    mentor.full_clean()
    mentor.save(update_fields=["citizen", "citizen_consent", "citizen_consent_at"])
    audit_record(
        actor=by,
        action=Action.CHANGE,
        target=mentor,
        request=request,
        detail="citizen link set" if citizen is not None else "citizen link removed",
    )
    return mentor


@transaction.atomic
def cohort_create(
    *,
    by,
    programme,
    name: str,
    start: datetime.date,
    end: datetime.date,
    seats: int,
    trainers=(),
    request=None,
) -> TrainingCohort:
    cohort = TrainingCohort(programme=programme, name=name, start=start, end=end, seats=seats)
    cohort.full_clean()
    cohort.save()
    cohort.trainers.set(trainers)
    audit_record(actor=by, action=Action.CREATE, target=cohort, request=request)
    return cohort


@transaction.atomic
def participation_add(
    *, by, cohort: TrainingCohort, mentor: PeerMentor, request=None
) -> Participation:
    # Lock the cohort so two coordinators cannot both take the last seat.
    cohort = TrainingCohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.participations.count() >= cohort.seats:
        raise ValidationError({"mentor": _("Holdet er fuldt.")})
    participation = Participation(cohort=cohort, mentor=mentor)
    participation.full_clean()
    participation.save()
    audit_record(actor=by, action=Action.CREATE, target=participation, request=request)
    return participation


@transaction.atomic
def session_create(
    *, by, cohort: TrainingCohort, module: TrainingModule, date: datetime.date, request=None
) -> ModuleSession:
    if module.programme_id != cohort.programme_id:
        raise ValidationError({"module": _("Modulet hører ikke til holdets uddannelsesprogram.")})
    session = ModuleSession(cohort=cohort, module=module, date=date)
    session.full_clean()
    session.save()
    audit_record(actor=by, action=Action.CREATE, target=session, request=request)
    return session


@transaction.atomic
def attendance_set(
    *, by, session: ModuleSession, participation: Participation, present: bool, request=None
) -> ModuleAttendance:
    if participation.cohort_id != session.cohort_id:
        raise ValidationError(_("Deltageren er ikke på dette hold."))
    attendance, _created = ModuleAttendance.objects.update_or_create(
        session=session, participation=participation, defaults={"present": present}
    )
    audit_record(
        actor=by,
        action=Action.CHANGE,
        target=attendance,
        request=request,
        detail="present" if present else "absent",
    )
    return attendance


@transaction.atomic
def placement_create(
    *,
    by,
    mentor: PeerMentor,
    offer,
    start: datetime.date,
    end: datetime.date | None,
    hours_per_week: Decimal,
    is_training_placement: bool,
    request=None,
) -> Placement:
    """Place a mentor at an offer. Before certification only as a training placement; placing a
    certified mentor for real makes a mentor in training active."""
    refusal = placement_refusal(mentor=mentor, is_training_placement=is_training_placement)
    if refusal:
        raise ValidationError({"is_training_placement": refusal})
    placement = Placement(
        mentor=mentor,
        offer=offer,
        start=start,
        end=end,
        hours_per_week=hours_per_week,
        is_training_placement=is_training_placement,
    )
    placement.full_clean()
    placement.save()
    if not is_training_placement and mentor.status == PeerMentor.Status.IN_TRAINING:
        mentor.status = PeerMentor.Status.ACTIVE
        mentor.save(update_fields=["status"])
    audit_record(actor=by, action=Action.CREATE, target=placement, request=request)
    return placement


@transaction.atomic
def placement_end(*, by, placement: Placement, end: datetime.date, request=None) -> Placement:
    placement.end = end
    placement.full_clean()
    placement.save(update_fields=["end"])
    audit_record(actor=by, action=Action.CHANGE, target=placement, request=request, detail="end")
    return placement


@transaction.atomic
def peer_meeting_log(
    *,
    by,
    mentor: PeerMentor,
    offer,
    date: datetime.date,
    participants: int,
    theme: str,
    request=None,
) -> PeerMeeting:
    """A mentor logs a peer meeting they held (or plan) at an offer where they are placed."""
    placed = mentor.placements.filter(offer=offer, start__lte=date).filter(
        Q(end__isnull=True) | Q(end__gte=date)
    )
    if not placed.exists():
        raise ValidationError(
            {"offer": _("Du var ikke placeret på det tilbud på den dato. Vælg et af dine tilbud.")}
        )
    meeting = PeerMeeting(
        offer=offer, date=date, participants=participants, theme=theme, logged_by=by
    )
    meeting.full_clean()
    meeting.save()
    meeting.mentors.add(mentor)
    audit_record(actor=by, action=Action.CREATE, target=meeting, request=request)
    return meeting


@transaction.atomic
def supervision_create(
    *, by, date: datetime.date, mentors, notes: str, request=None
) -> Supervision:
    mentors = list(mentors)
    if not mentors:
        raise ValidationError({"mentors_present": _("Vælg mindst én peer-vejleder.")})
    supervision = Supervision(date=date, supervisor=by, notes=notes)
    supervision.full_clean()
    supervision.save()
    supervision.mentors_present.set(mentors)
    # The notes stay out of the audit trail: only who and when.
    audit_record(actor=by, action=Action.CREATE, target=supervision, request=request)
    return supervision


@transaction.atomic
def yearly_target_set(*, by, year: int, target_trained: int, request=None) -> YearlyTarget:
    target = YearlyTarget.objects.filter(year=year).first() or YearlyTarget(year=year)
    target.target_trained = target_trained
    target.full_clean(validate_unique=False)
    target.save()
    audit_record(actor=by, action=Action.CHANGE, target=target, request=request)
    return target
