"""Writes for the users' councils: seats, criteria, budgets and applications (votes, decisions and
meetings are in `peers.councils.voting`).

Every function runs in one transaction and writes its audit event there.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.formats import format_date
from astnet.models import Membership, Role
from peers.councils import access
from peers.councils.models import (
    Application,
    ApplicationAttachment,
    Budget,
    Council,
    CouncilCriteria,
    CouncilMember,
)
from peers.councils.money import kroner
from peers.councils.uploads import check_attachment_batch, download_name

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
    a term that overlaps a seat the user already holds is refused, and so is `by` seating
    themselves."""
    term_from = term_from or timezone.localdate()
    if by is not None and by.pk == user.pk:
        # Separation of duties (issue 16): a leader manages seats but never gives one to themselves.
        raise ValidationError(
            {"user": _("Du kan ikke give dig selv en plads i rådet. Bed en anden leder om det.")}
        )
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
    """The council's voting rules: quorum, tie rule, open votes and days to vote. They apply to
    votes opened from now on; a running vote keeps the rules copied onto it when it opened
    (issue 19). Raises ValueError for a name that is not a rule, ValidationError for bad values."""
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
    file: object  # an UploadedFile already checked by peers.councils.uploads
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
    check_attachment_batch([upload.file.size for upload in attachments])
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
        # The application is made under this year's budget and a grant draws on it (issue 19).
        budget=Budget.objects.filter(council=council, year=today.year).first(),
    )
    for upload in attachments:
        ApplicationAttachment.objects.create(
            application=application,
            file=upload.file,
            original_name=download_name(upload.file.name, upload.content_type),
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
    """Withdraws an undecided application. Only its applicant or the staff member who helped the
    citizen apply may (`access.may_withdraw_application`); anyone else gets PermissionDenied, an
    application already decided a ValidationError."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not access.may_withdraw_application(by, application):
        raise PermissionDenied
    if application.is_decided:
        raise ValidationError(_("Ansøgningen er allerede afgjort og kan ikke trækkes tilbage."))
    application.state = State.WITHDRAWN
    application.save(update_fields=["state"])
    audit_record(actor=by, action=Action.CHANGE, target=application, detail="withdrawn")
    return application
