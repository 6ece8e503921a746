"""The peer training run by the training coordinator: the programme and its modules, cohorts,
who takes part, the sessions held and who attended, and the yearly target of mentors trained.

Certification is never stored: a mentor is certified when every required module of their
programme has a session they attended (`peers.mentors.selectors.certification_dates`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from astnet.formats import format_date
from peers.mentors.models.mentors import PeerMentor


class TrainingProgramme(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("uddannelsesprogram")
        verbose_name_plural = _("uddannelsesprogrammer")

    def __str__(self) -> str:
        return self.name


class TrainingModule(models.Model):
    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("uddannelsesprogram"),
        on_delete=models.CASCADE,
        related_name="modules",
        db_index=False,
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"))
    title = models.CharField(_("titel"), max_length=200)
    content = models.TextField(_("indhold"), blank=True)
    hours = models.PositiveSmallIntegerField(_("timer"))
    required = models.BooleanField(
        _("obligatorisk"),
        default=True,
        help_text=_("Obligatoriske moduler skal være gennemført for at blive certificeret."),
    )

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("uddannelsesmodul")
        verbose_name_plural = _("uddannelsesmoduler")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "order"],
                name="training_module_order_once",
                violation_error_message=_("Programmet har allerede et modul med det nummer."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class TrainingCohort(models.Model):
    """One run of a programme (et hold): the mentors in training, their trainers and sessions."""

    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("uddannelsesprogram"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("navn"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undervisere"),
        related_name="training_cohorts",
        blank=True,
    )
    seats = models.PositiveSmallIntegerField(_("pladser"))

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("uddannelseshold")
        verbose_name_plural = _("uddannelseshold")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="training_cohort_ends_after_start",
                violation_error_message=_(
                    "Holdet skal slutte samme dag som eller efter det starter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(seats__gt=0),
                name="training_cohort_has_seats",
                violation_error_message=_("Holdet skal have mindst én plads."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Participation(models.Model):
    cohort = models.ForeignKey(
        TrainingCohort,
        verbose_name=_("hold"),
        on_delete=models.CASCADE,
        related_name="participations",
        db_index=False,
    )
    mentor = models.ForeignKey(
        PeerMentor,
        verbose_name=_("peer-vejleder"),
        on_delete=models.PROTECT,
        related_name="participations",
    )

    class Meta:
        ordering = ["mentor__user__first_name", "mentor__user__last_name"]
        verbose_name = _("deltagelse")
        verbose_name_plural = _("deltagelser")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "mentor"],
                name="participation_once_per_cohort",
                violation_error_message=_("Peer-vejlederen er allerede på holdet."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} · {self.cohort}"


class ModuleSession(models.Model):
    cohort = models.ForeignKey(
        TrainingCohort,
        verbose_name=_("hold"),
        on_delete=models.CASCADE,
        related_name="sessions",
        db_index=False,
    )
    module = models.ForeignKey(
        TrainingModule,
        verbose_name=_("modul"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    date = models.DateField(_("dato"))

    class Meta:
        ordering = ["date", "module__order"]
        verbose_name = _("modulgang")
        verbose_name_plural = _("modulgange")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "module", "date"],
                name="module_session_once_a_day",
                violation_error_message=_("Holdet har allerede det modul den dag."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.module} · {format_date(self.date)}"


class ModuleAttendance(models.Model):
    session = models.ForeignKey(
        ModuleSession,
        verbose_name=_("modulgang"),
        on_delete=models.CASCADE,
        related_name="attendances",
        db_index=False,
    )
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("deltagelse"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    present = models.BooleanField(_("til stede"), default=False)

    class Meta:
        verbose_name = _("fremmøde på modul")
        verbose_name_plural = _("fremmøder på moduler")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participation"], name="module_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participation} · {self.session}"


class YearlyTarget(models.Model):
    """How many peer mentors the competence centre aims to certify in a year."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    target_trained = models.PositiveSmallIntegerField(_("mål for antal uddannede"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("årsmål")
        verbose_name_plural = _("årsmål")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="yearly_target_year_plausible",
                violation_error_message=_("Skriv et årstal mellem 2000 og 2100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.target_trained}"
