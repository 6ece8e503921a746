"""Outreach casework hours (fremskudt sagsbehandling, issue 21 part 4): partner services as data,
their recurring hours at an offer, and consultations booked with the citizen's consent. No content
of a consultation is stored. Re-exported by `citizens/models.py`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from offers.models import Offer, Weekday

__all__ = ["CaseworkHours", "CaseworkPartner", "Consultation"]


class CaseworkPartner(models.Model):
    """A municipal service that holds hours at the offers (e.g. Jobcentret; seed 002)."""

    name = models.CharField(_("navn"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("samarbejdspartner")
        verbose_name_plural = _("samarbejdspartnere")

    def __str__(self) -> str:
        return self.name


class CaseworkHours(models.Model):
    """A partner's recurring weekly hours at an offer (local time)."""

    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        related_name="casework_hours",
        verbose_name=_("tilbud"),
        db_index=False,
    )
    partner = models.ForeignKey(
        CaseworkPartner, on_delete=models.PROTECT, related_name="hours", verbose_name=_("partner")
    )
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    starts_at = models.TimeField(_("fra"))
    ends_at = models.TimeField(_("til"))

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("fremskudt sagsbehandling")
        verbose_name_plural = _("fremskudt sagsbehandling")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="caseworkhours_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["offer", "partner", "weekday", "starts_at"], name="caseworkhours_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.get_weekday_display()} {self.starts_at:%H:%M}"


class Consultation(models.Model):
    """A citizen booked into one day's hours. Only that it happened is kept, never what was said."""

    hours = models.ForeignKey(
        CaseworkHours,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("træffetid"),
        db_index=False,
    )
    day = models.DateField(_("dag"))
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("borger"),
    )
    consent_given = models.BooleanField(_("borgeren har givet samtykke"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("booket af"),
    )

    class Meta:
        verbose_name = _("konsultation")
        verbose_name_plural = _("konsultationer")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_given=True), name="consultation_needs_consent"
            ),
            models.UniqueConstraint(
                fields=["hours", "day", "citizen"], name="consultation_once_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hours_id} {self.day}"
