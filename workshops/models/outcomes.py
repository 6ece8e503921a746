"""What a workshop yields: dot-voting (prioritering) by ballot, and the district's scenarios
drawn from the inputs."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.models.planning import Input, Process, Theme, VotingMode, Workshop

# No 0/O, 1/I/L: a participant code may be typed from the printed slip.
PARTICIPANT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PARTICIPANT_CODE_LENGTH = 8


def new_participant_code() -> str:
    """A random participant code of `PARTICIPANT_CODE_LENGTH` letters and digits."""
    return "".join(
        secrets.choice(PARTICIPANT_CODE_ALPHABET) for _ in range(PARTICIPANT_CODE_LENGTH)
    )


class VotingRound(models.Model):
    """A workshop's dot voting as it opened (issue 19): the dots per participant and the voting
    mode are copied from the workshop when the first ballot is made, while the workshop runs, and
    never change after; lowering the workshop's number later changes no ballot."""

    workshop = models.OneToOneField(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="voting_round"
    )
    mode = models.CharField(_("afstemningsform"), max_length=10, choices=VotingMode.choices)
    dots_per_participant = models.PositiveSmallIntegerField(_("prikker pr. deltager"))
    opened_at = models.DateTimeField(_("åbnet"), default=timezone.now)

    class Meta:
        verbose_name = _("afstemningsrunde")
        verbose_name_plural = _("afstemningsrunder")
        constraints = [
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1, dots_per_participant__lte=50),
                name="voting_round_dots_between_1_and_50",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.dots_per_participant}"


class ParticipantCode(models.Model):
    """A single-use participant code, printed on the facilitator's sheet (issue 19): it opens
    exactly one ballot, which stays that participant's whichever phone they use.

    A code someone else has seen or copied can be revoked by the facilitator: it is refused from
    then on, and the new code that replaces it carries the same ballot on."""

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="participant_codes",
    )
    code = models.CharField(_("deltagerkode"), max_length=12, unique=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    revoked_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("erstattet af"),
        # Codes go only with their workshop, all at once.
        on_delete=models.CASCADE,
        related_name="replaces",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["workshop", "pk"]
        verbose_name = _("deltagerkode")
        verbose_name_plural = _("deltagerkoder")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, replaced_by__isnull=True)
                | Q(revoked_at__isnull=False, replaced_by__isnull=False),
                name="participant_code_revoked_with_its_replacement",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Ballot(models.Model):
    """One participant's dots at one workshop: bound either to a participant code or, in the
    informal mode, to a phone known only by a random token in a signed cookie. Participants
    vote without an account."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="ballots"
    )
    device = models.CharField(_("enhed"), max_length=64, blank=True)
    participant_code = models.OneToOneField(
        ParticipantCode,
        verbose_name=_("deltagerkode"),
        on_delete=models.CASCADE,
        related_name="ballot",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("stemmeseddel")
        verbose_name_plural = _("stemmesedler")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "device"],
                condition=~Q(device=""),
                name="ballot_once_per_device_token",
            ),
            models.CheckConstraint(
                condition=(~Q(device="") & Q(participant_code__isnull=True))
                | (Q(device="") & Q(participant_code__isnull=False)),
                name="ballot_by_device_or_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.pk}"


class Dot(models.Model):
    """Dots from one ballot on one input or one theme."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("stemmeseddel"), on_delete=models.CASCADE, related_name="dots"
    )
    input = models.ForeignKey(
        Input,
        verbose_name=_("input"),
        on_delete=models.CASCADE,
        related_name="dots",
        null=True,
        blank=True,
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("tema"),
        on_delete=models.CASCADE,
        related_name="dots",
        null=True,
        blank=True,
    )
    count = models.PositiveSmallIntegerField(_("antal prikker"), default=1)

    class Meta:
        verbose_name = _("prik")
        verbose_name_plural = _("prikker")
        constraints = [
            models.CheckConstraint(
                condition=Q(input__isnull=False, theme__isnull=True)
                | Q(input__isnull=True, theme__isnull=False),
                name="dot_on_input_or_theme",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="dot_count_positive"),
            models.UniqueConstraint(
                fields=["ballot", "input"],
                condition=Q(input__isnull=False),
                name="dot_once_per_input",
            ),
            models.UniqueConstraint(
                fields=["ballot", "theme"],
                condition=Q(theme__isnull=False),
                name="dot_once_per_theme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.input or self.theme}"


class Scenario(models.Model):
    """A proposed organisation of a district's offers, judged on strengths, weaknesses,
    opportunities and challenges, and chosen (or not) for the committee."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        CHOSEN = "chosen", _("Valgt til det politiske udvalg")
        REJECTED = "rejected", _("Fravalgt")

    process = models.ForeignKey(
        Process,
        verbose_name=_("proces"),
        on_delete=models.PROTECT,
        related_name="scenarios",
        db_index=False,
    )
    district = models.ForeignKey(
        "offers.District",
        verbose_name=_("område"),
        on_delete=models.PROTECT,
        related_name="scenarios",
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    inputs = models.ManyToManyField(
        Input, verbose_name=_("bygger på input"), related_name="scenarios", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reason = models.TextField(
        _("begrundelse"), blank=True, help_text=_("Hvorfor scenariet er valgt eller fravalgt.")
    )
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("scenarie")
        verbose_name_plural = _("scenarier")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "district", "title"], name="scenario_title_once"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(reason=""),
                name="scenario_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ScenarioPoint(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Styrker")
        WEAKNESS = "weakness", _("Svagheder")
        OPPORTUNITY = "opportunity", _("Muligheder")
        CHALLENGE = "challenge", _("Udfordringer")

    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenarie"), on_delete=models.CASCADE, related_name="points"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("tekst"), max_length=400)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("scenariepunkt")
        verbose_name_plural = _("scenariepunkter")

    def __str__(self) -> str:
        return self.text
