"""Writes for workshops: each change in one transaction with its audit event.

Dots are the exception to auditing: participants vote anonymously and a dot is not personal data.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from workshops.models import (
    Ballot,
    Dot,
    Input,
    Milestone,
    ParticipantCode,
    ProgrammeItem,
    Scenario,
    ScenarioPoint,
    Table,
    Tag,
    Theme,
    ThemeQuestion,
    VotingMode,
    VotingRound,
    Workshop,
    new_participant_code,
)

# A sheet of codes is printed for one room; more can be made at any time.
MAX_CODES_AT_ONCE = 200


class VotingClosed(ValidationError):
    """The workshop is not running (not begun or ended), so its voting code admits no dots."""


def _closed_message() -> str:
    return _("Afstemningen er lukket, fordi workshoppen er slut. Koden kan ikke bruges længere.")


@transaction.atomic
def workshop_save(
    *,
    by,
    workshop: Workshop,
    themes: list[Theme],
    programme: list[tuple[datetime.time | None, str]],
    request: HttpRequest | None = None,
) -> Workshop:
    """Create or change a workshop with its themes and the day's programme (replaced whole)."""
    creating = workshop.pk is None
    workshop.full_clean()
    workshop.save()
    workshop.themes.set(themes)
    workshop.programme.all().delete()
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(workshop=workshop, order=order, time=time, text=text)
        for order, (time, text) in enumerate(programme)
    )
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.CHANGE,
        target=workshop,
        request=request,
    )
    return workshop


@transaction.atomic
def table_save(*, by, table: Table, request: HttpRequest | None = None) -> Table:
    creating = table.pk is None
    table.full_clean()
    table.save()
    audit_record(
        actor=by, action=Action.CREATE if creating else Action.CHANGE, target=table, request=request
    )
    return table


@transaction.atomic
def theme_add(
    *,
    by,
    workshop: Workshop,
    title: str,
    questions: list[str],
    request: HttpRequest | None = None,
) -> Theme:
    """A new theme in the workshop's process, with its questions, on the workshop's agenda."""
    last = workshop.process.themes.order_by("-order").values_list("order", flat=True).first()
    theme = Theme(process=workshop.process, title=title, order=(last or 0) + 1)
    theme.full_clean()
    theme.save()
    ThemeQuestion.objects.bulk_create(
        ThemeQuestion(theme=theme, text=text, order=order) for order, text in enumerate(questions)
    )
    workshop.themes.add(theme)
    audit_record(actor=by, action=Action.CREATE, target=theme, request=request)
    return theme


def tag_names(raw: str) -> list[str]:
    """Tags typed as "peer-to-peer, åbningstider": trimmed, without repeats, in typed order."""
    names: list[str] = []
    for part in raw.split(","):
        name = " ".join(part.split())[:100]
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def _tags(names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        tags.append(tag or Tag.objects.create(name=name))
    return tags


@transaction.atomic
def input_add(
    *,
    by,
    table: Table,
    theme: Theme,
    text: str,
    question: ThemeQuestion | None = None,
    tags: list[str] | None = None,
    request: HttpRequest | None = None,
) -> Input:
    """One line from a table. The theme must be on the workshop's agenda, the question under it."""
    if not table.workshop.themes.filter(pk=theme.pk).exists():
        raise ValidationError({"theme": _("Temaet er ikke på denne workshops program.")})
    if question is not None and question.theme_id != theme.pk:
        raise ValidationError({"question": _("Spørgsmålet hører ikke under det valgte tema.")})
    item = Input(table=table, theme=theme, question=question, text=text.strip(), created_by=by)
    item.full_clean()
    item.save()
    item.tags.set(_tags(tags or []))
    audit_record(actor=by, action=Action.CREATE, target=item, request=request)
    return item


@transaction.atomic
def input_delete(*, by, item: Input, request: HttpRequest | None = None) -> None:
    audit_record(actor=by, action=Action.DELETE, target=item, request=request)
    item.delete()


def _not_open_message(workshop: Workshop) -> str:
    if workshop.voting_not_yet_open:
        return _("Afstemningen åbner, når workshoppen begynder (%(start)s).") % {
            "start": timezone.localtime(workshop.starts_at).strftime("%d.%m.%Y kl. %H:%M")
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
    Raises VotingClosed outside the workshop's hours and ValidationError for an unknown code or
    a workshop in the informal mode."""
    voting_round = voting_round_open(workshop=workshop)
    if voting_round.mode != VotingMode.CODES:
        raise ValidationError(_("Denne workshop bruger ikke deltagerkoder."))
    normalised = "".join(code.split()).upper()
    participant = ParticipantCode.objects.filter(workshop=workshop, code=normalised).first()
    if participant is None:
        raise ValidationError(
            _("Deltagerkoden findes ikke. Tjek, at du har skrevet den som på sedlen.")
        )
    return _ballot(workshop, participant_code=participant)


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
    taken = set(ParticipantCode.objects.values_list("code", flat=True))
    codes = []
    while len(codes) < count:
        code = new_participant_code()
        if code not in taken:
            taken.add(code)
            codes.append(ParticipantCode(workshop=workshop, code=code))
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
        Ballot.objects.select_for_update()
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


@transaction.atomic
def scenario_save(
    *,
    by,
    scenario: Scenario,
    inputs: list[Input],
    points: dict[str, list[str]],
    request: HttpRequest | None = None,
) -> Scenario:
    """Create or change a scenario; its four lists are replaced whole by `points` (kind → lines)."""
    creating = scenario.pk is None
    scenario.full_clean()
    scenario.save()
    scenario.inputs.set(inputs)
    scenario.points.all().delete()
    ScenarioPoint.objects.bulk_create(
        ScenarioPoint(scenario=scenario, kind=kind, text=text, order=order)
        for kind, lines in points.items()
        for order, text in enumerate(lines)
    )
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.CHANGE,
        target=scenario,
        request=request,
    )
    return scenario


def _chosen_scenarios_drawing_on(inputs) -> list[str]:
    return list(
        Scenario.objects.filter(status=Scenario.Status.CHOSEN, inputs__in=inputs)
        .distinct()
        .order_by("title")
        .values_list("title", flat=True)
    )


def _refuse_if_chosen_scenarios_draw_on(inputs, message: str) -> None:
    """A scenario sent to Socialudvalget keeps the inputs it was argued from: deleting them would
    change its evidence after the decision."""
    titles = _chosen_scenarios_drawing_on(inputs)
    if titles:
        raise ValidationError(message % {"scenarios": ", ".join(f"“{t}”" for t in titles)})


@transaction.atomic
def workshop_delete(*, by, workshop: Workshop, request: HttpRequest | None = None) -> None:
    """The workshop goes with its programme, tables, inputs and ballots; scenarios stay."""
    _refuse_if_chosen_scenarios_draw_on(
        Input.objects.filter(table__workshop=workshop),
        _(
            "Workshoppen kan ikke slettes, fordi %(scenarios)s er valgt til Socialudvalget og "
            "bygger på input herfra. Fjern de input fra scenariet eller sæt det tilbage til "
            "kladde først."
        ),
    )
    audit_record(actor=by, action=Action.DELETE, target=workshop, request=request)
    workshop.delete()


@transaction.atomic
def table_delete(*, by, table: Table, request: HttpRequest | None = None) -> None:
    """The table goes with its inputs and the dots on them."""
    _refuse_if_chosen_scenarios_draw_on(
        table.inputs.all(),
        _(
            "Bordet kan ikke slettes, fordi %(scenarios)s er valgt til Socialudvalget og bygger "
            "på input fra bordet. Fjern de input fra scenariet eller sæt det tilbage til kladde "
            "først."
        ),
    )
    audit_record(actor=by, action=Action.DELETE, target=table, request=request)
    table.delete()


@transaction.atomic
def scenario_delete(*, by, scenario: Scenario, request: HttpRequest | None = None) -> None:
    """The scenario goes with its four lists; the inputs it drew on stay."""
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if locked.status == Scenario.Status.CHOSEN:
        raise ValidationError(
            _(
                "Et scenarie, der er valgt til Socialudvalget, kan ikke slettes. Sæt det tilbage "
                "til kladde eller fravælg det først."
            )
        )
    audit_record(actor=by, action=Action.DELETE, target=scenario, request=request)
    locked.delete()


@transaction.atomic
def milestone_save(*, by, milestone: Milestone, request: HttpRequest | None = None) -> Milestone:
    creating = milestone.pk is None
    milestone.full_clean()
    milestone.save()
    audit_record(
        actor=by,
        action=Action.CREATE if creating else Action.CHANGE,
        target=milestone,
        request=request,
    )
    return milestone


@transaction.atomic
def milestone_delete(*, by, milestone: Milestone, request: HttpRequest | None = None) -> None:
    audit_record(actor=by, action=Action.DELETE, target=milestone, request=request)
    milestone.delete()
