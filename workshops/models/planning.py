"""Planning and running co-creation workshops (samskabelse): a process with milestones, workshops
per district, themes and their questions, the tables and their inputs."""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: the code is read off a big screen and typed on a phone.
VOTING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
VOTING_CODE_LENGTH = 6


def new_voting_code() -> str:
    while True:
        code = "".join(secrets.choice(VOTING_CODE_ALPHABET) for _ in range(VOTING_CODE_LENGTH))
        if not Workshop.objects.filter(voting_code=code).exists():
            return code


class Process(models.Model):
    """A development process, e.g. "Udvikling af fremtidens aktivitets- og samværstilbud" (2015)."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("proces")
        verbose_name_plural = _("processer")

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        INTERVIEWS = "interviews", _("Interviews")
        STATUS_NOTE = "status_note", _("Statusnotat til det politiske udvalg")
        FINAL_PROPOSAL = "final_proposal", _("Endeligt forslag til det politiske udvalg")

    process = models.ForeignKey(
        Process,
        verbose_name=_("proces"),
        on_delete=models.CASCADE,
        related_name="milestones",
        db_index=False,
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    # Some milestones are only placed loosely in the plan ("start november", interviews undated).
    date = models.DateField(_("dato"), null=True, blank=True)

    class Meta:
        ordering = [F("date").asc(nulls_last=True), "pk"]
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæle")
        constraints = [
            models.UniqueConstraint(fields=["process", "title"], name="milestone_title_once"),
        ]

    def __str__(self) -> str:
        return self.title


class Theme(models.Model):
    """A theme the tables work on, e.g. "Bruger til bruger" or "Åbningstider"."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("proces"),
        on_delete=models.CASCADE,
        related_name="themes",
        db_index=False,
    )
    title = models.CharField(_("titel"), max_length=200)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        constraints = [
            models.UniqueConstraint(fields=["process", "title"], name="theme_title_once"),
        ]

    def __str__(self) -> str:
        return self.title


class ThemeQuestion(models.Model):
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("tema"),
        on_delete=models.CASCADE,
        related_name="questions",
        db_index=False,
    )
    text = models.CharField(_("spørgsmål"), max_length=300)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        constraints = [
            models.UniqueConstraint(fields=["theme", "text"], name="theme_question_once"),
        ]

    def __str__(self) -> str:
        return self.text


class VotingMode(models.TextChoices):
    """How a workshop's participants get one ballot each (issue 19): printed single-use
    participant codes, or, for informal use, a cookie on the phone (which a participant can clear
    to get a new ballot)."""

    COOKIE = "cookie", _("Uformel: telefonen husker stemmesedlen i en cookie")
    CODES = "codes", _("Deltagerkoder: én trykt kode pr. deltager")


class Workshop(models.Model):
    process = models.ForeignKey(
        Process,
        verbose_name=_("proces"),
        on_delete=models.PROTECT,
        related_name="workshops",
        db_index=False,
    )
    district = models.ForeignKey(
        "offers.District",
        verbose_name=_("område"),
        on_delete=models.PROTECT,
        related_name="workshops",
    )
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("starter kl."), null=True, blank=True)
    end_time = models.TimeField(
        _("slutter kl."),
        null=True,
        blank=True,
        help_text=_(
            "Afstemningskoden udløber, når workshoppen slutter (uden sluttid: ved midnat)."
        ),
    )
    place = models.CharField(_("sted"), max_length=200, blank=True)
    purpose = models.TextField(_("formål"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("temaer"), related_name="workshops", blank=True
    )
    dots_per_participant = models.PositiveSmallIntegerField(
        _("prikker pr. deltager"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Hvor mange prikker hver deltager må fordele ved prioriteringen (1–50)."),
    )
    voting_code = models.CharField(
        _("afstemningskode"), max_length=12, unique=True, default=new_voting_code, editable=False
    )
    voting_mode = models.CharField(
        _("afstemningsform"),
        max_length=10,
        choices=VotingMode.choices,
        default=VotingMode.COOKIE,
        editable=False,
        help_text=_("Bliver til deltagerkoder, når facilitatoren laver koder."),
    )

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "district", "title"], name="workshop_title_once"
            ),
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1, dots_per_participant__lte=50),
                name="workshop_dots_between_1_and_50",
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="workshop_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.district}"

    @property
    def starts_at(self) -> datetime.datetime:
        """When the workshop starts, in local time (without a start time: at midnight);
        voting opens then and not before (issue 19)."""
        zone = timezone.get_default_timezone()
        return datetime.datetime.combine(
            self.date, self.start_time or datetime.time(0), tzinfo=zone
        )

    @property
    def ends_at(self) -> datetime.datetime:
        """When the workshop ends, in the installation's time zone; the voting code is refused from then on."""
        zone = timezone.get_default_timezone()
        if self.end_time is None:
            return datetime.datetime.combine(
                self.date + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
            )
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=zone)

    @property
    def voting_open(self) -> bool:
        """Whether dots may be given now: only while the workshop runs (issue 19)."""
        return self.starts_at <= timezone.now() < self.ends_at

    @property
    def dots_in_force(self) -> int:
        """The dots each participant has: fixed on the voting round once voting has opened,
        until then the workshop's planned number (issue 19)."""
        voting_round = getattr(self, "voting_round", None)
        return voting_round.dots_per_participant if voting_round else self.dots_per_participant

    @property
    def voting_not_yet_open(self) -> bool:
        return timezone.now() < self.starts_at


class ProgrammeItem(models.Model):
    """One line of the day's programme ("Pause", "Prioritering af temaer"), with a time if known."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="programme"
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    time = models.TimeField(_("tidspunkt"), null=True, blank=True)
    text = models.CharField(_("punkt"), max_length=200)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("programpunkt")
        verbose_name_plural = _("programpunkter")

    def __str__(self) -> str:
        return self.text


class Table(models.Model):
    """A table at a workshop. Participants are counted by kind only: nobody's name is needed."""

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("workshop"),
        on_delete=models.CASCADE,
        related_name="tables",
        db_index=False,
    )
    number = models.PositiveSmallIntegerField(_("bordnummer"))
    name = models.CharField(_("navn"), max_length=100, blank=True)
    users = models.PositiveSmallIntegerField(_("brugere"), default=0)
    relatives = models.PositiveSmallIntegerField(_("pårørende"), default=0)
    staff = models.PositiveSmallIntegerField(_("medarbejdere"), default=0)
    partners = models.PositiveSmallIntegerField(_("samarbejdspartnere"), default=0)

    class Meta:
        ordering = ["number"]
        verbose_name = _("bord")
        verbose_name_plural = _("borde")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="table_number_once"),
        ]

    def __str__(self) -> str:
        label = _("Bord %(number)s") % {"number": self.number}
        return f"{label}: {self.name}" if self.name else label

    @property
    def participants(self) -> int:
        return self.users + self.relatives + self.staff + self.partners


class Tag(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mærke")
        verbose_name_plural = _("mærker")

    def __str__(self) -> str:
        return self.name


class Input(models.Model):
    """A short text from a table under a theme (and, if the table said so, a question)."""

    table = models.ForeignKey(
        Table,
        verbose_name=_("bord"),
        on_delete=models.CASCADE,
        related_name="inputs",
        db_index=False,
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.PROTECT, related_name="inputs"
    )
    question = models.ForeignKey(
        ThemeQuestion,
        verbose_name=_("spørgsmål"),
        on_delete=models.SET_NULL,
        related_name="inputs",
        null=True,
        blank=True,
    )
    text = models.CharField(_("input"), max_length=400)
    tags = models.ManyToManyField(Tag, verbose_name=_("mærker"), related_name="inputs", blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indtastet af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["theme__order", "theme_id", "created_at", "pk"]
        verbose_name = _("input")
        verbose_name_plural = _("input")
        indexes = [models.Index(fields=["table", "theme"])]

    def __str__(self) -> str:
        return self.text
