"""Visits summed per offer, citizen and month, kept in step with every visit by database triggers
(citizens/visit_months/triggers.py), and the nightly check of that."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from offers.models import Offer

# Bit d-1 of `days` is day d of the month; 31 days fit a signed 32-bit integer.
ALL_DAYS = (1 << 31) - 1


class VisitMonth(models.Model):
    """The days one citizen came to one offer in one month: `days` has bit d-1 set for day d, and
    `visit_days` is how many bits are set (the month's visits, as a visit is one citizen at one
    offer on one day). Exact, so distinct citizens over whole months are counted from here, and
    over part of a month from the days' bits; written only by the triggers on citizens_visit."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+", db_index=False)
    citizen = models.ForeignKey(
        "citizens.Citizen", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField(help_text="The month's first day.")
    days = models.IntegerField()
    visit_days = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("fremmøde pr. måned")
        verbose_name_plural = _("fremmøder pr. måned")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "citizen", "month"], name="visit_month_once_per_offer_citizen"
            ),
            models.CheckConstraint(
                condition=Q(days__gt=0, days__lte=ALL_DAYS)
                & Q(visit_days__gte=1, visit_days__lte=31),
                name="visit_month_days_in_range",
            ),
        ]
        # Dashboards count per offer over a range of months: answered from the index alone.
        indexes = [
            models.Index(
                fields=["offer", "month"],
                include=["citizen", "days", "visit_days"],
                name="visit_month_offer_month",
            ),
            models.Index(fields=["citizen"], name="visit_month_citizen"),
        ]

    def __str__(self) -> str:
        return f"{self.citizen_id}@{self.offer_id} {self.month:%Y-%m}"


class VisitMonthCheck(models.Model):
    """One run of the nightly comparison of VisitMonth with the visits it sums: counts only."""

    checked_at = models.DateTimeField(auto_now_add=True)
    first_month = models.DateField()
    last_month = models.DateField()
    rows_checked = models.PositiveIntegerField()
    rows_wrong = models.PositiveIntegerField(
        help_text="Rows missing, extra or different before the repair."
    )

    class Meta:
        verbose_name = _("kontrol af fremmøde pr. måned")
        verbose_name_plural = _("kontroller af fremmøde pr. måned")
        ordering = ["-checked_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_month__lte=F("last_month")), name="visit_month_check_months"
            )
        ]

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {self.rows_wrong}/{self.rows_checked}"
