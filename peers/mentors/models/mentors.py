"""Peer mentors (peer-vejledere) themselves: their record with languages and experience themes,
their placements at offers across the city, the peer meetings they hold and their supervision
(sparring)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from astnet.formats import format_date
from citizens.models import Citizen
from offers.models import District, Offer


class Language(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sprog")
        verbose_name_plural = _("sprog")

    def __str__(self) -> str:
        return self.name


class ExperienceTheme(models.Model):
    """A theme of lived experience a mentor offers to talk about (e.g. unge, angst, misbrug)."""

    name = models.CharField(_("navn"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("erfaringstema")
        verbose_name_plural = _("erfaringstemaer")

    def __str__(self) -> str:
        return self.name


class PeerMentor(models.Model):
    class Status(models.TextChoices):
        IN_TRAINING = "in_training", _("Under uddannelse")
        ACTIVE = "active", _("Aktiv")
        PAUSED = "paused", _("På pause")
        STOPPED = "stopped", _("Stoppet")

    class Engagement(models.TextChoices):
        VOLUNTEER = "volunteer", _("Frivillig")
        USER_JOB = "user_job", _("Brugerjob")
        PAID_TASK = "paid_task", _("Lønnet opgave")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        # Users are deactivated, never deleted, so a mentor's history stays whole.
        on_delete=models.PROTECT,
        related_name="peer_mentor",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("område"),
        on_delete=models.PROTECT,
        related_name="peer_mentors",
        help_text=_("Det område, peer-vejlederen hører til i netværket."),
    )
    citizen = models.ForeignKey(
        Citizen,
        verbose_name=_("borger"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Kun med peer-vejlederens samtykke."),
    )
    citizen_consent = models.BooleanField(_("samtykke til kobling med borger"), default=False)
    citizen_consent_at = models.DateTimeField(_("samtykke givet"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_TRAINING
    )
    engagement = models.CharField(
        _("ansættelsesform"),
        max_length=20,
        choices=Engagement.choices,
        default=Engagement.VOLUNTEER,
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("sprog"), related_name="mentors", blank=True
    )
    themes = models.ManyToManyField(
        ExperienceTheme, verbose_name=_("erfaringstemaer"), related_name="mentors", blank=True
    )

    class Meta:
        ordering = ["user__first_name", "user__last_name"]
        verbose_name = _("peer-vejleder")
        verbose_name_plural = _("peer-vejledere")
        constraints = [
            # A mentor's record may point at their citizen record only with their dated consent.
            models.CheckConstraint(
                condition=Q(citizen__isnull=True)
                | Q(citizen_consent=True, citizen_consent_at__isnull=False),
                name="peer_mentor_citizen_only_with_consent",
                violation_error_message=_(
                    "En peer-vejleder kan kun kobles til en borger med dateret samtykke."
                ),
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    # Set by peers.mentors.selectors.with_certification: certification is computed, never stored.
    certified_on: datetime.date | None = None

    @property
    def status_label(self) -> str:
        """The status as shown: "Certificeret" for a mentor still marked in training whose
        certification is known (issue 20: certified mentors were shown "Under uddannelse").
        Needs `with_certification` to have run; without it, the stored status."""
        if self.status == self.Status.IN_TRAINING and self.certified_on:
            return str(_("Certificeret"))
        return self.get_status_display()


class Placement(models.Model):
    """A mentor working at an offer for a period (placering)."""

    mentor = models.ForeignKey(
        PeerMentor,
        verbose_name=_("peer-vejleder"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.PROTECT,
        related_name="mentor_placements",
        db_index=False,
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("timer om ugen"), max_digits=4, decimal_places=1)
    is_training_placement = models.BooleanField(
        _("praktik under uddannelse"),
        default=False,
        help_text=_("En peer-vejleder kan kun placeres før certificering som praktik."),
    )

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("placering")
        verbose_name_plural = _("placeringer")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="placement_has_hours",
                violation_error_message=_("Timer om ugen skal være mere end 0."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="placement_ends_after_start",
                violation_error_message=_(
                    "Placeringen skal slutte samme dag som eller efter start."
                ),
            ),
        ]
        indexes = [models.Index(fields=["offer", "start"])]

    def __str__(self) -> str:
        return f"{self.mentor} · {self.offer}"


class PeerMeeting(models.Model):
    """A peer meeting (peer-møde) held at an offer: how many came and what it was about, no names."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.PROTECT,
        related_name="peer_meetings",
        db_index=False,
    )
    date = models.DateField(_("dato"))
    mentors = models.ManyToManyField(
        PeerMentor, verbose_name=_("peer-vejledere"), related_name="peer_meetings"
    )
    participants = models.PositiveSmallIntegerField(_("antal deltagere"), default=0)
    theme = models.CharField(_("tema"), max_length=200)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("peer-møde")
        verbose_name_plural = _("peer-møder")
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=0), name="peer_meeting_participants_not_negative"
            )
        ]
        indexes = [models.Index(fields=["offer", "date"])]

    def __str__(self) -> str:
        return f"{self.offer} · {format_date(self.date)}"


class Supervision(models.Model):
    """Supervision (sparring). The notes are read only by the supervisor and the mentors present."""

    date = models.DateField(_("dato"))
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="supervisions_given",
    )
    mentors_present = models.ManyToManyField(
        PeerMentor, verbose_name=_("peer-vejledere til stede"), related_name="supervisions"
    )
    notes = models.TextField(_("noter"), blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisioner")

    def __str__(self) -> str:
        return f"{format_date(self.date)}"
