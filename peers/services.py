"""Writes for the users' councils: seats, budgets, applications, votes and decisions.

Every function runs in one transaction and writes its audit event there. Granting locks the council's
budget row, so two grants at the same moment cannot together spend more than the budget.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.formats import format_date
from astnet.models import Membership, Role
from peers.models import (
    Application,
    ApplicationAttachment,
    Budget,
    Council,
    CouncilCriteria,
    CouncilMember,
    Decision,
    Meeting,
    Recusal,
    Vote,
    voting_members_q,
)
from peers.money import kroner

State = Application.State


class BudgetExceeded(ValidationError):
    """A grant larger than what is left; `remaining_ore` says how much is left."""

    def __init__(self, *, remaining_ore: int, year: int) -> None:
        self.remaining_ore = remaining_ore
        super().__init__(
            _("Der er kun %(left)s tilbage i budgettet for %(year)s.")
            % {"left": kroner(remaining_ore), "year": year},
            code="budget_exceeded",
        )


# --- seats and criteria ------------------------------------------------------------------------


def _seat_dates(term_from: datetime.date | None, term_to: datetime.date | None) -> str:
    start = format_date(term_from) if term_from else ""
    end = format_date(term_to) if term_to else _("uden slutdato")
    return f"{start} – {end}"


@transaction.atomic
def council_member_add(
    *,
    council: Council,
    user,
    role: str = CouncilMember.Role.MEMBER,
    term_from: datetime.date | None = None,
    term_to: datetime.date | None = None,
    by=None,
) -> CouncilMember:
    """A seat on the council and the login membership that goes with it, kept together. A user has
    one seat row per council (the votes point at it), so a new term after an ended one reuses it;
    a term that overlaps a seat the user already holds is refused."""
    term_from = term_from or timezone.localdate()
    if role not in CouncilMember.Role.values:
        raise ValidationError({"role": _("Vælg formand, medlem eller suppleant.")})
    if term_to is not None and term_to < term_from:
        raise ValidationError({"term_to": _("Periodens slutdato skal ligge efter startdatoen.")})
    existing = CouncilMember.objects.select_for_update().filter(council=council, user=user).first()
    if existing is not None and (
        (existing.term_to is None or existing.term_to >= term_from)
        and (term_to is None or term_to >= existing.term_from)
    ):
        raise ValidationError(
            {
                "user": _(
                    "Brugeren har allerede en plads i rådet i perioden %(dates)s. "
                    "Afslut den først, eller vælg datoer efter den."
                )
                % {"dates": _seat_dates(existing.term_from, existing.term_to)}
            }
        )
    seat, created = CouncilMember.objects.update_or_create(
        council=council,
        user=user,
        defaults={"role": role, "term_from": term_from, "term_to": term_to},
    )
    seat.full_clean()
    Membership.objects.get_or_create(user=user, role=Role.COUNCIL_MEMBER, council=council)
    audit_record(
        actor=by,
        action=Action.CREATE if created else Action.CHANGE,
        target=seat,
        detail=f"role={role}" if created else f"new term role={role}",
    )
    return seat


@transaction.atomic
def council_member_end(*, seat: CouncilMember, term_to: datetime.date, by=None) -> CouncilMember:
    """Ends a term; once it has ended the login membership goes too (at once for a past date,
    otherwise by council_seats_expire)."""
    seat = CouncilMember.objects.select_for_update().select_related("council").get(pk=seat.pk)
    if term_to < seat.term_from:
        raise ValidationError(
            {
                "term_to": _("Slutdatoen skal ligge efter periodens start (%(start)s).")
                % {"start": format_date(seat.term_from)}
            }
        )
    seat.term_to = term_to
    seat.full_clean()
    seat.save(update_fields=["term_to"])
    if term_to < timezone.localdate():
        _membership_drop(seat)
    audit_record(actor=by, action=Action.CHANGE, target=seat, detail="term ended")
    return seat


def _membership_drop(seat: CouncilMember) -> None:
    Membership.objects.filter(
        user_id=seat.user_id, role=Role.COUNCIL_MEMBER, council_id=seat.council_id
    ).delete()


@transaction.atomic
def council_seats_expire(*, today: datetime.date | None = None) -> int:
    """Removes the login membership of every seat whose term has run out; returns how many."""
    today = today or timezone.localdate()
    ended_seat = CouncilMember.objects.filter(
        council_id=OuterRef("council_id"), user_id=OuterRef("user_id"), term_to__lt=today
    )
    stale = list(Membership.objects.filter(Exists(ended_seat), role=Role.COUNCIL_MEMBER))
    for membership in stale:
        audit_record(actor=None, action=Action.DELETE, target=membership, detail="seat ended")
        membership.delete()
    return len(stale)


COUNCIL_RULE_FIELDS = ("quorum_rule", "tie_rule", "open_votes", "vote_days")


@transaction.atomic
def council_rules_update(*, council: Council, by=None, **rules) -> Council:
    """The council's voting rules: quorum, tie rule, open votes and days to vote."""
    unknown = set(rules) - set(COUNCIL_RULE_FIELDS)
    if unknown:
        raise ValueError(f"not council rules: {sorted(unknown)}")
    council = Council.objects.select_for_update().get(pk=council.pk)
    changed = [name for name, value in rules.items() if getattr(council, name) != value]
    for name in changed:
        setattr(council, name, rules[name])
    if not 1 <= council.vote_days <= 60:
        raise ValidationError({"vote_days": _("Skriv et antal dage mellem 1 og 60.")})
    council.full_clean()
    if changed:
        council.save(update_fields=changed)
        audit_record(
            actor=by, action=Action.CHANGE, target=council, detail="rules " + ",".join(changed)
        )
    return council


@transaction.atomic
def criteria_publish(*, council: Council, text: str, by=None) -> CouncilCriteria:
    Council.objects.select_for_update().get(pk=council.pk)
    latest = council.criteria.order_by("-version").first()
    criteria = CouncilCriteria.objects.create(
        council=council,
        version=(latest.version + 1) if latest else 1,
        text=text,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(actor=by, action=Action.CREATE, target=criteria, detail=f"v{criteria.version}")
    return criteria


# --- budgets -----------------------------------------------------------------------------------


def granted_ore(budget: Budget) -> int:
    return budget.grants.aggregate(total=Sum("granted_amount_ore"))["total"] or 0


def remaining_ore(*, council: Council, year: int | None = None) -> int:
    """What is left of the council's budget this year (0 when it has none)."""
    year = year or timezone.localdate().year
    budget = Budget.objects.filter(council=council, year=year).first()
    if budget is None:
        return 0
    return max(budget.amount_ore - granted_ore(budget), 0)


@transaction.atomic
def budget_set(*, council: Council, year: int, amount_ore: int, by=None) -> Budget:
    """Sets the council's budget for a year; never below what has already been granted that year."""
    if amount_ore < 0:
        raise ValidationError({"amount_ore": _("Budgettet kan ikke være negativt.")})
    budget, created = Budget.objects.select_for_update().get_or_create(
        council=council, year=year, defaults={"amount_ore": amount_ore}
    )
    already = granted_ore(budget)
    if amount_ore < already:
        raise ValidationError(
            {
                "amount_ore": _(
                    "Budgettet kan ikke sættes under det, der allerede er bevilget i %(year)s "
                    "(%(granted)s)."
                )
                % {"granted": kroner(already), "year": year}
            }
        )
    budget.amount_ore = amount_ore
    budget.full_clean()
    budget.save(update_fields=["amount_ore"])
    audit_record(
        actor=by,
        action=Action.CREATE if created else Action.CHANGE,
        target=budget,
        detail=f"amount_ore={amount_ore}",
    )
    return budget


# --- applications ------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedAttachment:
    file: object  # an UploadedFile already checked by peers.uploads
    content_type: str


@transaction.atomic
def application_create(
    *,
    council: Council,
    by,
    title: str,
    description: str,
    amount_ore: int,
    starts_on: datetime.date,
    beneficiaries: str,
    applicant_first_name: str,
    applicant_citizen=None,
    applicant_user=None,
    ends_on: datetime.date | None = None,
    criteria_met: str = "",
    publish_first_name: bool = False,
    attachments: list[UploadedAttachment] = (),
    submit: bool = True,
) -> Application:
    """A new application, submitted at once unless `submit` is false. Staff applying for a citizen
    are recorded as the helper; the citizen stays the applicant."""
    today = timezone.localdate()
    errors = {}
    if amount_ore <= 0:
        errors["amount_ore"] = _("Beløbet skal være større end 0 kr.")
    else:
        left = remaining_ore(council=council, year=today.year)
        if amount_ore > left:
            errors["amount_ore"] = str(BudgetExceeded(remaining_ore=left, year=today.year).message)
    if starts_on < today:
        errors["starts_on"] = _("Datoen må ikke ligge før i dag.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("Slutdatoen må ikke ligge før startdatoen.")
    if applicant_citizen is None and applicant_user is None:
        errors["applicant_citizen"] = _("Vælg den borger, der søger.")
    if errors:
        raise ValidationError(errors)
    application = Application.objects.create(
        council=council,
        applicant_citizen=applicant_citizen,
        applicant_user=applicant_user,
        helped_by=by if applicant_citizen is not None else None,
        applicant_first_name=applicant_first_name,
        publish_first_name=publish_first_name,
        title=title,
        description=description,
        amount_ore=amount_ore,
        starts_on=starts_on,
        ends_on=ends_on,
        beneficiaries=beneficiaries,
        criteria_met=criteria_met,
        criteria=council.criteria.order_by("-version").first(),
    )
    for upload in attachments:
        ApplicationAttachment.objects.create(
            application=application,
            file=upload.file,
            original_name=upload.file.name[:200],
            content_type=upload.content_type,
            size=upload.file.size,
            uploaded_by=by,
        )
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=application,
        detail=f"attachments={len(attachments)}",
    )
    if submit:
        application_submit(application=application, by=by)
    return application


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state != State.DRAFT:
        raise ValidationError(_("Ansøgningen er allerede sendt."))
    application.state = State.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["state", "submitted_at"])
    audit_record(actor=by, action=Action.CHANGE, target=application, detail="submitted")
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.is_decided:
        raise ValidationError(_("Ansøgningen er allerede afgjort og kan ikke trækkes tilbage."))
    application.state = State.WITHDRAWN
    application.save(update_fields=["state"])
    audit_record(actor=by, action=Action.CHANGE, target=application, detail="withdrawn")
    return application


# --- voting ------------------------------------------------------------------------------------


def voting_seat(*, council: Council, user, on: datetime.date | None = None) -> CouncilMember | None:
    """The user's voting seat on the council today, if they have one."""
    on = on or timezone.localdate()
    return (
        CouncilMember.objects.filter(voting_members_q(on), council=council, user=user)
        .select_related("user")
        .first()
    )


def may_open_vote(*, council: Council, user) -> bool:
    """The chair opens votes; a council without a sitting chair lets any voting member do it."""
    today = timezone.localdate()
    seats = CouncilMember.objects.filter(voting_members_q(today), council=council)
    chairs = seats.filter(role=CouncilMember.Role.CHAIR)
    if chairs.exists():
        return chairs.filter(user=user).exists()
    return seats.filter(user=user).exists()


@transaction.atomic
def vote_open(
    *,
    application: Application,
    by,
    deadline: datetime.datetime | None = None,
    proposed_amount_ore: int | None = None,
) -> Application:
    application = (
        Application.objects.select_for_update().select_related("council").get(pk=application.pk)
    )
    if application.state != State.SUBMITTED:
        raise ValidationError(_("Der kan kun stemmes om en indsendt ansøgning."))
    if not may_open_vote(council=application.council, user=by):
        raise ValidationError(_("Kun rådets formand kan starte en afstemning."))
    if proposed_amount_ore is not None and not 0 < proposed_amount_ore <= application.amount_ore:
        raise ValidationError(
            _("Beløbet skal være større end 0 og højst det ansøgte (%(asked)s).")
            % {"asked": kroner(application.amount_ore)}
        )
    application.proposed_amount_ore = proposed_amount_ore
    application.vote_deadline = deadline or timezone.now() + datetime.timedelta(
        days=application.council.vote_days
    )
    application.state = State.IN_VOTE
    application.save(update_fields=["state", "vote_deadline", "proposed_amount_ore"])
    # The applicant never votes on their own application.
    if application.applicant_user_id:
        seat = CouncilMember.objects.filter(
            council=application.council, user_id=application.applicant_user_id
        ).first()
        if seat is not None:
            Recusal.objects.get_or_create(
                application=application, member=seat, defaults={"reason": Recusal.Reason.APPLICANT}
            )
    audit_record(actor=by, action=Action.CHANGE, target=application, detail="vote opened")
    return application


def _eligible_seats(application: Application, on: datetime.date) -> list[CouncilMember]:
    recused = application.recusals.values("member_id")
    return list(
        CouncilMember.objects.filter(voting_members_q(on), council_id=application.council_id)
        .exclude(pk__in=recused)
        .select_related("user")
    )


@transaction.atomic
def vote_cast(*, application: Application, user, choice: str) -> Vote:
    """Casts or changes the user's vote; the vote closes when every voting member has voted."""
    application = (
        Application.objects.select_for_update().select_related("council").get(pk=application.pk)
    )
    if application.state != State.IN_VOTE or (
        application.vote_deadline and application.vote_deadline <= timezone.now()
    ):
        raise ValidationError(_("Afstemningen er lukket."))
    if choice not in Vote.Choice.values:
        raise ValidationError(_("Vælg ja, nej eller blank."))
    seat = voting_seat(council=application.council, user=user)
    if seat is None:
        raise ValidationError(_("Du har ikke stemmeret i dette råd."))
    if application.recusals.filter(member=seat).exists():
        raise ValidationError(_("Du er inhabil og kan ikke stemme om denne ansøgning."))
    vote, created = Vote.objects.update_or_create(
        application=application, member=seat, defaults={"choice": choice, "cast_at": timezone.now()}
    )
    audit_record(
        actor=user,
        action=Action.CREATE if created else Action.CHANGE,
        target=vote,
        detail="vote cast" if created else "vote changed",
    )
    eligible = _eligible_seats(application, timezone.localdate())
    voted = set(application.votes.values_list("member_id", flat=True))
    if eligible and all(seat.pk in voted for seat in eligible):
        vote_close(application=application, by=user)
    return vote


@transaction.atomic
def recusal_declare(*, application: Application, user) -> Recusal:
    """A member declares a conflict of interest; a vote they already cast is withdrawn."""
    application = (
        Application.objects.select_for_update().select_related("council").get(pk=application.pk)
    )
    if application.is_decided:
        raise ValidationError(_("Ansøgningen er allerede afgjort."))
    seat = voting_seat(council=application.council, user=user)
    if seat is None:
        raise ValidationError(_("Du har ikke stemmeret i dette råd."))
    recusal, _created = Recusal.objects.get_or_create(
        application=application, member=seat, defaults={"reason": Recusal.Reason.CONFLICT}
    )
    Vote.objects.filter(application=application, member=seat).delete()
    audit_record(actor=user, action=Action.CREATE, target=recusal, detail="conflict declared")
    return recusal


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    eligible: int
    chair_choice: str | None

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


def tally(application: Application, on: datetime.date | None = None) -> Tally:
    eligible = _eligible_seats(application, on or timezone.localdate())
    by_seat = {seat.pk: seat for seat in eligible}
    counts = {choice: 0 for choice in Vote.Choice.values}
    chair_choice = None
    for member_id, choice in application.votes.values_list("member_id", "choice"):
        seat = by_seat.get(member_id)
        if seat is None:
            continue
        counts[choice] += 1
        if seat.role == CouncilMember.Role.CHAIR:
            chair_choice = choice
    return Tally(
        yes=counts[Vote.Choice.YES],
        no=counts[Vote.Choice.NO],
        abstain=counts[Vote.Choice.ABSTAIN],
        eligible=len(eligible),
        chair_choice=chair_choice,
    )


def _result(council: Council, result: Tally) -> tuple[bool, str]:
    """Approved or not, and why, in plain Danish."""
    counted = _("%(yes)s stemte ja, %(no)s nej og %(abstain)s blankt.") % {
        "yes": result.yes,
        "no": result.no,
        "abstain": result.abstain,
    }
    if not council.quorum_met(cast=result.cast, eligible=result.eligible):
        return False, _(
            "Rådet var ikke beslutningsdygtigt: kun %(cast)s af %(eligible)s stemte."
        ) % {"cast": result.cast, "eligible": result.eligible}
    if result.yes > result.no:
        return True, _("Flertallet stemte ja.") + " " + counted
    if result.no > result.yes:
        return False, _("Flertallet stemte nej.") + " " + counted
    if council.tie_rule == Council.TieRule.CHAIR_DECIDES and result.chair_choice == Vote.Choice.YES:
        return True, _("Stemmelighed; formandens ja-stemme afgjorde det.") + " " + counted
    return False, _("Stemmelighed betyder afslag.") + " " + counted


@transaction.atomic
def vote_close(*, application: Application, by=None, meeting: Meeting | None = None) -> Decision:
    """Counts the votes and decides: quorum, then majority, then the council's tie rule."""
    application = (
        Application.objects.select_for_update().select_related("council").get(pk=application.pk)
    )
    if application.state != State.IN_VOTE:
        raise ValidationError(_("Afstemningen er allerede lukket."))
    result = tally(application)
    approved, reasoning = _result(application.council, result)
    counts = {"votes_yes": result.yes, "votes_no": result.no, "votes_abstain": result.abstain}
    if approved:
        try:
            return application_grant(
                application=application,
                amount_ore=application.amount_to_vote_ore,
                reasoning=reasoning,
                by=by,
                meeting=meeting,
                **counts,
            )
        except BudgetExceeded as refused:
            reasoning = (
                reasoning
                + " "
                + _("Men bevillingen blev afvist: %(why)s") % {"why": refused.message}
            )
    return _decide(
        application=application,
        outcome=Decision.Outcome.REJECTED,
        amount_ore=0,
        budget=None,
        reasoning=reasoning,
        by=by,
        meeting=meeting,
        **counts,
    )


@transaction.atomic
def application_grant(
    *,
    application: Application,
    amount_ore: int,
    reasoning: str,
    by=None,
    meeting: Meeting | None = None,
    **counts: int,
) -> Decision:
    """Grants money from this year's budget. The budget row is locked for the rest of the
    transaction, so a concurrent grant waits and then sees this one's money as spent."""
    year = timezone.localdate().year
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.is_decided:
        raise ValidationError(_("Ansøgningen er allerede afgjort."))
    budget = (
        Budget.objects.select_for_update()
        .filter(council_id=application.council_id, year=year)
        .first()
    )
    if budget is None:
        raise BudgetExceeded(remaining_ore=0, year=year)
    left = max(budget.amount_ore - granted_ore(budget), 0)
    if amount_ore <= 0 or amount_ore > left:
        raise BudgetExceeded(remaining_ore=left, year=year)
    outcome = (
        Decision.Outcome.GRANTED
        if amount_ore >= application.amount_ore
        else Decision.Outcome.PARTLY_GRANTED
    )
    return _decide(
        application=application,
        outcome=outcome,
        amount_ore=amount_ore,
        budget=budget,
        reasoning=reasoning,
        by=by,
        meeting=meeting,
        **counts,
    )


def _decide(
    *, application, outcome, amount_ore, budget, reasoning, by, meeting, **counts
) -> Decision:
    decision = Decision.objects.create(
        application=application,
        outcome=outcome,
        granted_amount_ore=amount_ore,
        budget=budget,
        reasoning=reasoning,
        meeting=meeting,
        **counts,
    )
    application.state = outcome
    application.save(update_fields=["state"])
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=decision,
        detail=f"outcome={outcome} amount_ore={amount_ore}",
    )
    return decision


def votes_close_due(*, now: datetime.datetime | None = None) -> int:
    """Closes every vote whose deadline has passed; each in its own transaction."""
    now = now or timezone.now()
    closed = 0
    due = Application.objects.filter(state=State.IN_VOTE, vote_deadline__lte=now)
    for application in due.only("pk"):
        try:
            vote_close(application=application)
        except ValidationError:
            continue  # closed meanwhile by the last vote
        closed += 1
    return closed


# --- meetings ----------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    council: Council,
    date: datetime.date,
    by,
    agenda: str = "",
    minutes: str = "",
    attendance=(),
) -> Meeting:
    """A meeting; decisions taken by vote since the last meeting are reported in its minutes."""
    meeting = Meeting.objects.create(council=council, date=date, agenda=agenda, minutes=minutes)
    meeting.attendance.set(attendance)
    Decision.objects.filter(
        application__council=council, meeting__isnull=True, decided_at__date__lte=date
    ).update(meeting=meeting)
    audit_record(actor=by, action=Action.CREATE, target=meeting)
    return meeting


@transaction.atomic
def meeting_link_decisions(*, meeting: Meeting, decisions, by) -> int:
    """Reports decisions taken by online vote at a meeting, by hand: only the meeting's own
    council's decisions that no meeting has reported yet."""
    ids = [decision.pk for decision in decisions]
    if not ids:
        raise ValidationError({"decisions": _("Vælg mindst én beslutning.")})
    free = list(
        Decision.objects.select_for_update()
        .filter(pk__in=ids, application__council_id=meeting.council_id, meeting__isnull=True)
        .order_by("pk")
    )
    if len(free) != len(set(ids)):
        raise ValidationError(
            {"decisions": _("En af beslutningerne hører til et andet råd eller et andet møde.")}
        )
    for decision in free:
        decision.meeting = meeting
        decision.save(update_fields=["meeting"])
        audit_record(
            actor=by, action=Action.CHANGE, target=decision, detail=f"meeting={meeting.pk}"
        )
    return len(free)
