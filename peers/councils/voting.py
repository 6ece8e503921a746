"""Writes for the councils' votes, decisions and meetings.

Every function runs in one transaction and writes its audit event there. Granting locks the council's
budget row, so two grants at the same moment cannot together spend more than the budget.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from peers.councils import access
from peers.councils.models import (
    Application,
    Budget,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    Recusal,
    Vote,
)
from peers.councils.models.applications import new_receipt
from peers.councils.money import kroner
from peers.councils.rules import Tally, VoteRules, decide
from peers.councils.services import BudgetExceeded, granted_ore

State = Application.State


# --- voting ------------------------------------------------------------------------------------


@transaction.atomic
def vote_open(
    *,
    application: Application,
    by,
    deadline: datetime.datetime | None = None,
    proposed_amount_ore: int | None = None,
) -> Application:
    """Opens the vote on a submitted application, `deadline` (aware) or the council's days to vote
    from now. The council's quorum rule, tie rule and open or secret votes are copied onto the
    application here, and the budget it draws on is settled: a later change of the council's rules
    applies only to later votes (issue 19). Raises ValidationError when the application is not
    submitted, `by` may not open votes, or the amount is out of range."""
    application = (
        Application.objects.select_for_update().select_related("council").get(pk=application.pk)
    )
    if application.state != State.SUBMITTED:
        raise ValidationError(_("Der kan kun stemmes om en indsendt ansøgning."))
    if not access.may_open_vote(by, application.council):
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
    council = application.council
    application.vote_quorum_rule = council.quorum_rule
    application.vote_tie_rule = council.tie_rule
    application.vote_open_votes = council.open_votes
    if application.budget_id is None:
        # Applications from before issue 19 draw on the budget of the year they were sent in.
        sent = timezone.localdate(application.submitted_at or application.created_at)
        application.budget = Budget.objects.filter(council=council, year=sent.year).first()
    application.state = State.IN_VOTE
    application.save(
        update_fields=[
            "state",
            "vote_deadline",
            "proposed_amount_ore",
            "vote_quorum_rule",
            "vote_tie_rule",
            "vote_open_votes",
            "budget",
        ]
    )
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
    seats = (
        CouncilMember.objects.voting(on)
        .filter(council_id=application.council_id)
        .exclude(pk__in=recused)
    )
    # Whoever helped write the application does not vote on it (issue 16), so the vote closes
    # without them.
    if application.helped_by_id is not None:
        seats = seats.exclude(user_id=application.helped_by_id)
    return list(seats.select_related("user"))


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
    seat = access.voting_seat(user, application.council)
    if seat is None:
        raise ValidationError(_("Du har ikke stemmeret i dette råd."))
    if application.recusals.filter(member=seat).exists():
        raise ValidationError(_("Du er inhabil og kan ikke stemme om denne ansøgning."))
    if application.helped_by_id == user.pk:
        # Separation of duties (issue 16): staff who helped write it cannot also decide it.
        raise ValidationError(
            _("Du har hjulpet med at skrive ansøgningen og kan ikke stemme om den.")
        )
    # Every cast, first or changed, gets a new receipt: the member's proof of their latest vote.
    vote, created = Vote.objects.update_or_create(
        application=application,
        member=seat,
        defaults={"choice": choice, "cast_at": timezone.now(), "receipt": new_receipt()},
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
    seat = access.voting_seat(user, application.council)
    if seat is None:
        raise ValidationError(_("Du har ikke stemmeret i dette råd."))
    recusal, _created = Recusal.objects.get_or_create(
        application=application, member=seat, defaults={"reason": Recusal.Reason.CONFLICT}
    )
    Vote.objects.filter(application=application, member=seat).delete()
    audit_record(actor=user, action=Action.CREATE, target=recusal, detail="conflict declared")
    return recusal


def tally(application: Application, on: datetime.date | None = None) -> Tally:
    """The votes of the seats eligible on `on` (default today): voting seats, recused left out."""
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


def vote_rules(application: Application) -> VoteRules:
    """The rules the application's vote is decided by: those fixed when it opened (issue 19)."""
    return VoteRules(quorum_rule=application.vote_quorum_rule, tie_rule=application.vote_tie_rule)


@transaction.atomic
def vote_close(*, application: Application, by=None, meeting: Meeting | None = None) -> Decision:
    """Counts the votes and decides by the rules fixed when the vote opened
    (`peers.councils.rules.decide`): quorum, then majority, then the tie rule. An approved vote
    that the budget can no longer pay ends rejected with the reason."""
    application = (
        Application.objects.select_for_update().select_related("council").get(pk=application.pk)
    )
    if application.state != State.IN_VOTE:
        raise ValidationError(_("Afstemningen er allerede lukket."))
    result = tally(application)
    approved, reasoning = decide(vote_rules(application), result)
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
    """Grants `amount_ore` from the budget the application was made under (issue 19: never the
    year of the closing date), or, for an application from before that was recorded, the budget
    of the year it was sent in. The budget row is locked for the rest of the transaction, so a
    concurrent grant waits and then sees this one's money as spent. Raises BudgetExceeded when
    the budget cannot pay, ValidationError when the application is already decided."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.is_decided:
        raise ValidationError(_("Ansøgningen er allerede afgjort."))
    budgets = Budget.objects.select_for_update().filter(council_id=application.council_id)
    if application.budget_id is not None:
        budget = budgets.filter(pk=application.budget_id).first()
        year = budget.year
    else:
        year = timezone.localdate(application.submitted_at or application.created_at).year
        budget = budgets.filter(year=year).first()
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
