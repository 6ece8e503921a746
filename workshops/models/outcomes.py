"""What a workshop yields: dot-voting (prioritering) by ballot, and the district's scenarios
drawn from the inputs."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.models.planning import Input, Process, Theme, Workshop


class Ballot(models.Model):
    """One phone's dots at one workshop. The device is known only by a random token in a signed
    cookie: participants vote without an account."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="ballots"
    )
    device = models.CharField(_("enhed"), max_length=64)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("stemmeseddel")
        verbose_name_plural = _("stemmesedler")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "device"], name="ballot_once_per_device"),
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
        Process, verbose_name=_("proces"), on_delete=models.PROTECT, related_name="scenarios"
    )
    district = models.ForeignKey(
        "offers.District",
        verbose_name=_("bydel"),
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
