"""Courses (forløb): referred (visiterede), unreferred (uvisiterede) and §85 group courses, their
sessions and register, the citizens enrolled (tilmeldinger) and their goals (indsatsmål) with ratings.

Re-exported by `citizens/models.py`; the models belong to the citizens app.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import Offer, Track

__all__ = ["Attendance", "Course", "Enrollment", "Goal", "GoalRating", "Session"]

SCORE_MIN = 1
SCORE_MAX = 10
SCORE_MESSAGE = _("Vurderingen skal være et helt tal fra 1 til 10.")


class Course(models.Model):
    class Kind(models.TextChoices):
        UNREFERRED = "unreferred", _("Uvisiteret forløb")
        REFERRED = "referred", _("Visiteret forløb")
        S85_GROUP = "s85_group", _("§85-gruppeforløb")

    class Format(models.TextChoices):
        GROUP = "group", _("Gruppeforløb")
        INDIVIDUAL = "individual", _("Individuelt forløb")

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    format = models.CharField(
        _("form"), max_length=20, choices=Format.choices, default=Format.GROUP
    )
    track = models.ForeignKey(
        Track, verbose_name=_("fagligt spor"), on_delete=models.PROTECT, related_name="courses"
    )
    host_offers = models.ManyToManyField(
        Offer, verbose_name=_("værtstilbud"), related_name="hosted_courses"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tovholder"),
        on_delete=models.PROTECT,
        related_name="led_courses",
    )
    # Peer mentors are users with a peer_mentor membership; the peer record itself lives in peers/.
    peer_mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("peer-vejledere"),
        related_name="co_led_courses",
        limit_choices_to={"memberships__role": "peer_mentor"},
        blank=True,
    )
    purpose = models.TextField(
        _("formål og målgruppe"), blank=True, help_text=_("Hvem forløbet er for, og hvad det skal.")
    )
    themes = models.TextField(_("temaer"), blank=True, help_text=_("Et tema pr. linje."))
    expected_effect = models.TextField(
        _("forventet effekt"),
        blank=True,
        help_text=_(
            "Skal udfyldes for visiterede forløb: den målbare effekt, forløbet sigter mod."
        ),
    )
    capacity = models.PositiveSmallIntegerField(
        _("antal pladser"), validators=[MinValueValidator(1, _("Der skal være mindst én plads."))]
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(
        _("slutdato"), null=True, blank=True, help_text=_("Uvisiterede forløb kan være uden slut.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        ordering = ["start_date", "title", "pk"]
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="course_ends_after_it_starts",
                violation_error_message=_("Forløbet kan ikke slutte, før det starter."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="course_has_a_place",
                violation_error_message=_("Der skal være mindst én plads."),
            ),
            # A referred course is time-limited with a measurable effect (the city's definition).
            models.CheckConstraint(
                condition=~Q(kind="referred") | Q(end_date__isnull=False) & ~Q(expected_effect=""),
                name="course_referred_has_end_and_effect",
                violation_error_message=_(
                    "Et visiteret forløb skal have en slutdato og en forventet effekt."
                ),
            ),
        ]
        indexes = [models.Index(fields=["kind", "start_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def theme_list(self) -> list[str]:
        return [line.strip() for line in self.themes.splitlines() if line.strip()]


class Session(models.Model):
    """One meeting of a course; unreferred courses also count the drop-ins who came."""

    course = models.ForeignKey(
        Course,
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="sessions",
        db_index=False,
    )
    date = models.DateField(_("dato"))
    starts_at = models.TimeField(_("klokken"))
    place = models.CharField(_("sted"), max_length=200)
    theme = models.CharField(_("dagens tema"), max_length=200, blank=True)
    drop_ins = models.PositiveSmallIntegerField(_("drop-in-deltagere"), default=0)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        verbose_name = _("mødegang")
        verbose_name_plural = _("mødegange")
        indexes = [models.Index(fields=["course", "date"])]

    def __str__(self) -> str:
        return f"{self.course_id} {self.date}"


class Enrollment(models.Model):
    """A citizen on a course. Without a place they wait in line (`waiting_position`); an outcome
    ends the enrolment and frees the place."""

    class Source(models.TextChoices):
        AST = "ast", _("AST-tilbuddet")
        VOKSENENHEDEN = "voksenenheden", _("Voksenenheden")
        SELF = "self", _("Borgeren selv")

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("Gennemført")
        STOPPED_EARLY = "stopped_early", _("Stoppet før tid")
        MOVED_ON = "moved_on", _("Gået videre til et andet tilbud")

    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="enrollments",
        db_index=False,
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("forløb"),
        on_delete=models.CASCADE,
        related_name="enrollments",
        db_index=False,
    )
    referral_source = models.CharField(
        _("henvist af"), max_length=20, choices=Source.choices, default=Source.AST
    )
    referring_offer = models.ForeignKey(
        Offer,
        verbose_name=_("henvisende tilbud"),
        on_delete=models.SET_NULL,
        related_name="course_referrals",
        null=True,
        blank=True,
    )
    referral_date = models.DateField(_("henvisningsdato"), default=timezone.localdate)
    waiting_position = models.PositiveSmallIntegerField(
        _("nr. på venteliste"), null=True, blank=True
    )
    start_date = models.DateField(_("startet"), null=True, blank=True)
    end_date = models.DateField(_("afsluttet"), null=True, blank=True)
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices, blank=True)
    stop_reason = models.TextField(
        _("årsag"), blank=True, help_text=_("Formuleret, så borgeren er enig i den.")
    )
    moved_on_to = models.ForeignKey(
        Offer,
        verbose_name=_("gået videre til tilbud"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    moved_on_to_other = models.CharField(
        _("gået videre til andet"),
        max_length=200,
        blank=True,
        help_text=_("Fx uddannelse, job eller et tilbud uden for AST."),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilmeldt af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("tilmeldt"), default=timezone.now)

    class Meta:
        ordering = ["course", "waiting_position", "pk"]
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "course"],
                name="enrollment_once_per_citizen_course",
                violation_error_message=_("Borgeren er allerede tilmeldt forløbet."),
            ),
            models.UniqueConstraint(
                fields=["course", "waiting_position"],
                condition=Q(waiting_position__isnull=False),
                name="enrollment_one_citizen_per_waiting_position",
            ),
            models.CheckConstraint(
                condition=Q(waiting_position__isnull=True) | Q(outcome="", waiting_position__gte=1),
                name="enrollment_waiting_has_no_outcome",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(end_date__isnull=False),
                name="enrollment_outcome_has_end_date",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="enrollment_ends_after_it_starts",
                violation_error_message=_("Tilmeldingen kan ikke slutte, før den starter."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="stopped_early") | ~Q(stop_reason=""),
                name="enrollment_stop_has_reason",
                violation_error_message=_("Skriv årsagen til, at borgeren stoppede."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="moved_on")
                | Q(moved_on_to__isnull=False)
                | ~Q(moved_on_to_other=""),
                name="enrollment_moved_on_is_named",
                violation_error_message=_("Skriv, hvilket tilbud borgeren er gået videre til."),
            ),
        ]
        indexes = [models.Index(fields=["course", "outcome"])]

    def __str__(self) -> str:
        return f"{self.citizen_id}@{self.course_id}"

    @property
    def is_waiting(self) -> bool:
        return self.waiting_position is not None

    @property
    def is_active(self) -> bool:
        """Holds a place on the course right now."""
        return self.waiting_position is None and not self.outcome


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Mødt")
        ABSENT = "absent", _("Udeblevet")
        CANCELLED = "cancelled", _("Meldt afbud")

    session = models.ForeignKey(
        Session,
        verbose_name=_("mødegang"),
        on_delete=models.CASCADE,
        related_name="attendances",
        db_index=False,
    )
    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("tilmelding"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("fremmøde"), max_length=20, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now)

    class Meta:
        verbose_name = _("fremmøde på forløb")
        verbose_name_plural = _("fremmøder på forløb")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_once_per_session_enrollment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}@{self.session_id}: {self.status}"


class Goal(models.Model):
    """An indsatsmål in the citizen's own words; for §85 citizens it may point at their VUM goal."""

    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("forløb"),
        on_delete=models.SET_NULL,
        related_name="goals",
        null=True,
        blank=True,
    )
    text = models.TextField(_("mål"), help_text=_("Med borgerens egne ord."))
    vum_reference = models.CharField(
        _("VUM-reference"),
        max_length=100,
        blank=True,
        help_text=_("For borgere med §85-støtte: hvilket indsatsmål i VUM det svarer til."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("indsatsmål")
        verbose_name_plural = _("indsatsmål")

    def __str__(self) -> str:
        return f"{self.citizen_id}: {self.pk}"


class GoalRating(models.Model):
    """How far the citizen feels they have come, on a dated 1–10 scale ("to skridt frem, et tilbage")."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="ratings"
    )
    rated_on = models.DateField(_("dato"), default=timezone.localdate)
    score = models.PositiveSmallIntegerField(
        _("vurdering (1–10)"),
        validators=[
            MinValueValidator(SCORE_MIN, SCORE_MESSAGE),
            MaxValueValidator(SCORE_MAX, SCORE_MESSAGE),
        ],
    )
    note = models.CharField(_("kort note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["rated_on", "pk"]
        verbose_name = _("vurdering af mål")
        verbose_name_plural = _("vurderinger af mål")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="goal_rating_score_1_to_10",
                violation_error_message=SCORE_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.rated_on}: {self.score}"
