"""Writes for dot voting (prioritering, issue 19): the voting round fixed when voting opens, one
ballot per participant (a participant code, or a cookie in the informal mode), the dots, and the
facilitator's participant codes.

Dots are not audited: participants vote anonymously and a dot is not personal data.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.formats import format_date
from workshops.models import (
    Ballot,
    Dot,
    Input,
    ParticipantCode,
    Theme,
    VotingMode,
    VotingRound,
    Workshop,
    new_participant_code,
)

# A sheet of codes is printed for one room; more can be made at any time.
MAX_CODES_AT_ONCE = 200


class VotingClosed(ValidationError):
    """The workshop is not running (not begun or ended), so its voting code admits no dots."""


def revoked_message() -> str:
    """What a participant reads when their code has been revoked."""
    return _(
        "Deltagerkoden er trukket tilbage af facilitatoren og kan ikke bruges længere. Spørg "
        "facilitatoren efter din nye kode."
    )


def normalised_code(code: str) -> str:
    """A participant code as stored: spaces dropped, capital letters."""
    return "".join(code.split()).upper()


def _closed_message() -> str:
    return _("Afstemningen er lukket, fordi workshoppen er slut. Koden kan ikke bruges længere.")


def _not_open_message(workshop: Workshop) -> str:
    if workshop.voting_not_yet_open:
        return _("Afstemningen åbner, når workshoppen begynder (%(start)s).") % {
            "start": format_date(workshop.starts_at, time=True)
        }
    return _closed_message()


def voting_round_open(*, workshop: Workshop) -> VotingRound:
    """The workshop's voting round, opened on first use while the workshop runs (issue 19): the
    workshop's dots per participant and voting mode are copied onto it then and stay fixed.
    Raises VotingClosed before the workshop starts and after it ends."""
    if not workshop.voting_open:
        raise VotingClosed(_not_open_message(workshop))
    try:
        with transaction.atomic():
            voting_round, _created = VotingRound.objects.get_or_create(
                workshop=workshop,
                defaults={
                    "mode": workshop.voting_mode,
                    "dots_per_participant": workshop.dots_per_participant,
                },
            )
    except IntegrityError:
        # Two first ballots raced; the other one opened the round.
        voting_round = VotingRound.objects.get(workshop=workshop)
    return voting_round


def _ballot(workshop: Workshop, **key) -> Ballot:
    try:
        with transaction.atomic():
            ballot, _created = Ballot.objects.get_or_create(workshop=workshop, **key)
    except IntegrityError:
        # Two first requests for the same ballot raced; the other one made it.
        ballot = Ballot.objects.get(workshop=workshop, **key)
    return ballot


def ballot_for_device(*, workshop: Workshop, device: str) -> Ballot:
    """The one ballot of this device (a random cookie token) at this workshop, made on first use;
    only in the informal cookie mode. Raises VotingClosed outside the workshop's hours and
    ValidationError when the workshop votes with participant codes."""
    voting_round = voting_round_open(workshop=workshop)
    if voting_round.mode != VotingMode.COOKIE or not device:
        raise ValidationError(_("Denne workshop stemmer med deltagerkoder. Skriv din kode."))
    return _ballot(workshop, device=device)


def ballot_for_code(*, workshop: Workshop, code: str) -> Ballot:
    """The one ballot bound to a participant code (typed or from the QR code), made on first use;
    the same ballot on every later use, so a code never gives a second set of dots (issue 19).
    Raises VotingClosed outside the workshop's hours and ValidationError for an unknown or a
    revoked code or a workshop in the informal mode."""
    voting_round = voting_round_open(workshop=workshop)
    if voting_round.mode != VotingMode.CODES:
        raise ValidationError(_("Denne workshop bruger ikke deltagerkoder."))
    participant = ParticipantCode.objects.filter(
        workshop=workshop, code=normalised_code(code)
    ).first()
    if participant is None:
        raise ValidationError(
            _("Deltagerkoden findes ikke. Tjek, at du har skrevet den som på sedlen.")
        )
    if participant.revoked_at is not None:
        raise ValidationError(revoked_message())
    return _ballot(workshop, participant_code=participant)


def participant_code_revoked(*, workshop: Workshop, code: str) -> bool:
    """Whether `code` is a participant code of `workshop` that the facilitator has revoked."""
    return ParticipantCode.objects.filter(
        workshop=workshop, code=normalised_code(code), revoked_at__isnull=False
    ).exists()


def _unused_codes(count: int) -> list[str]:
    taken = set(ParticipantCode.objects.values_list("code", flat=True))
    codes: list[str] = []
    while len(codes) < count:
        code = new_participant_code()
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes


def participant_code_revocable(*, workshop: Workshop, code: str, codes=None) -> ParticipantCode:
    """The workshop's participant code `code`, checked before it is revoked (the confirmation
    page asks this too). Raises ValidationError (on `code`) for a code that is not the
    workshop's or is already revoked. `codes` is the queryset to read it from (locked or not)."""
    codes = ParticipantCode.objects.all() if codes is None else codes
    found = codes.filter(workshop=workshop, code=normalised_code(code)).first()
    if found is None:
        raise ValidationError(
            {
                "code": _(
                    "Koden er ikke en deltagerkode ved denne workshop. Tjek, at den er skrevet "
                    "som på sedlen."
                )
            }
        )
    if found.revoked_at is not None:
        raise ValidationError(
            {
                "code": _("Koden er allerede trukket tilbage. Den nye kode er %(new)s.")
                % {"new": found.replaced_by.code}
            }
        )
    return found


@transaction.atomic
def participant_code_revoke(
    *, by, workshop: Workshop, code: str, request: HttpRequest | None = None
) -> ParticipantCode:
    """Revoke one of the workshop's participant codes that someone else has seen or copied
    (issue 19), and return the new code that replaces it: the old code is refused from now on,
    and its ballot, with the dots already placed, moves to the new code, so the participant goes
    on where they were. Raises ValidationError (on `code`) for a code that is not the workshop's
    or is already revoked. Audited as a change of the workshop; the code itself is not logged."""
    old = participant_code_revocable(
        workshop=workshop, code=code, codes=ParticipantCode.objects.select_for_update()
    )
    new = ParticipantCode.objects.create(workshop=workshop, code=_unused_codes(1)[0])
    # Waits for a dot being placed right now, so the ballot moves with all its dots.
    ballot = Ballot.objects.select_for_update().filter(participant_code=old).first()
    if ballot is not None:
        ballot.participant_code = new
        ballot.save(update_fields=["participant_code"])
    old.revoked_at = timezone.now()
    old.replaced_by = new
    old.save(update_fields=["revoked_at", "replaced_by"])
    audit_record(
        actor=by,
        action=Action.CHANGE,
        target=workshop,
        detail="participant code revoked and replaced",
        request=request,
    )
    return new


@transaction.atomic
def participant_codes_create(
    *, by, workshop: Workshop, count: int, request: HttpRequest | None = None
) -> list[ParticipantCode]:
    """`count` (1–200) new single-use participant codes for the facilitator's sheet; the first
    ones switch the workshop to voting with codes. Refused once voting has opened in the informal
    cookie mode, since the ballots already cast could not be bound to codes."""
    if not 1 <= count <= MAX_CODES_AT_ONCE:
        raise ValidationError(
            {"count": _("Skriv et antal mellem 1 og %(max)s.") % {"max": MAX_CODES_AT_ONCE}}
        )
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    voting_round = VotingRound.objects.filter(workshop=workshop).first()
    if voting_round is not None and voting_round.mode == VotingMode.COOKIE:
        raise ValidationError(
            {
                "count": _(
                    "Afstemningen er allerede åbnet som uformel afstemning med cookies, så der "
                    "kan ikke laves deltagerkoder til den."
                )
            }
        )
    if workshop.voting_mode != VotingMode.CODES:
        workshop.voting_mode = VotingMode.CODES
        workshop.save(update_fields=["voting_mode"])
    codes = [ParticipantCode(workshop=workshop, code=code) for code in _unused_codes(count)]
    created = ParticipantCode.objects.bulk_create(codes)
    audit_record(
        actor=by,
        action=Action.CHANGE,
        target=workshop,
        detail=f"participant codes +{count}",
        request=request,
    )
    return created


def dots_used(ballot: Ballot) -> int:
    return ballot.dots.aggregate(total=Sum("count"))["total"] or 0


def dots_allowed(ballot: Ballot) -> int:
    """The dots this ballot may place: the number fixed when its workshop's voting opened."""
    return ballot.workshop.voting_round.dots_per_participant


def _target(ballot: Ballot, item: Input | None, theme: Theme | None) -> dict:
    if (item is None) == (theme is None):
        raise ValueError("a dot goes on exactly one input or one theme")
    if item is not None:
        if item.table.workshop_id != ballot.workshop_id:
            raise ValidationError(_("Input hører ikke til denne workshop."))
        return {"input": item}
    if not ballot.workshop.themes.filter(pk=theme.pk).exists():
        raise ValidationError(_("Temaet er ikke på denne workshops program."))
    return {"theme": theme}


def _locked(ballot: Ballot) -> Ballot:
    locked = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("workshop", "workshop__voting_round")
        .get(pk=ballot.pk)
    )
    if not locked.workshop.voting_open:
        raise VotingClosed(_not_open_message(locked.workshop))
    return locked


def dot_add(*, ballot: Ballot, item: Input | None = None, theme: Theme | None = None) -> int:
    """Put one more dot on an input or a theme; returns the dots left (never below 0).

    The ballot row is locked first, so requests from the same participant (double taps, two tabs)
    are counted one after another and the total never passes the number fixed when voting opened.
    """
    with transaction.atomic():
        locked = _locked(ballot)
        target = _target(locked, item, theme)
        limit = dots_allowed(locked)
        used = dots_used(locked)
        if used >= limit:
            raise ValidationError(
                _("Du har brugt alle dine %(limit)s prikker. Fjern en prik for at flytte den.")
                % {"limit": limit}
            )
        updated = Dot.objects.filter(ballot=locked, **target).update(count=F("count") + 1)
        if not updated:
            Dot.objects.create(ballot=locked, count=1, **target)
        return limit - used - 1


def dot_remove(*, ballot: Ballot, item: Input | None = None, theme: Theme | None = None) -> int:
    """Take one dot back; returns the dots left (never below 0)."""
    with transaction.atomic():
        locked = _locked(ballot)
        target = _target(locked, item, theme)
        dot = Dot.objects.filter(ballot=locked, **target).first()
        if dot is not None:
            if dot.count > 1:
                Dot.objects.filter(pk=dot.pk).update(count=F("count") - 1)
            else:
                dot.delete()
        return max(dots_allowed(locked) - dots_used(locked), 0)
