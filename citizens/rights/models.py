"""The citizen's rights under GDPR (borgerens rettigheder): the history of corrections
(art. 16, berigtigelse) and the state of erasure (art. 17, anonymisering, retsligt forbehold).

Re-exported by `citizens/models.py`; the models belong to the citizens app. The history is written
by the service that makes each change (`citizens.rights.history.record_changes`), with who made it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AnonymisationReason", "CitizenPrivacy", "CitizenRevision"]


class AnonymisationReason(models.TextChoices):
    REQUEST = "request", _("Borgerens anmodning om sletning")
    RETENTION = "retention", _("Opbevaringsperioden er udløbet")


class CitizenPrivacy(models.Model):
    """Data-protection state kept beside the citizen: a legal hold stops anonymisation, and the
    time of anonymisation marks a record that no longer belongs to anyone."""

    citizen = models.OneToOneField(
        "citizens.Citizen",
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="privacy",
    )
    legal_hold = models.BooleanField(
        _("retligt forbehold"),
        default=False,
        help_text=_("Borgeren må ikke anonymiseres, fx fordi oplysningerne indgår i en klagesag."),
    )
    legal_hold_reason = models.CharField(
        _("begrundelse for forbeholdet"), max_length=200, blank=True
    )
    legal_hold_changed_at = models.DateTimeField(_("forbehold ændret"), null=True, blank=True)
    legal_hold_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forbehold ændret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)
    anonymisation_reason = models.CharField(
        _("anonymiseret fordi"), max_length=20, choices=AnonymisationReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("databeskyttelse")
        verbose_name_plural = _("databeskyttelse")
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_hold=False) | ~Q(legal_hold_reason=""),
                name="citizen_privacy_hold_has_reason",
                violation_error_message=_("Skriv begrundelsen for det retlige forbehold."),
            ),
            # Anonymisation under a legal hold would destroy what the hold protects.
            models.CheckConstraint(
                condition=Q(legal_hold=False) | Q(anonymised_at__isnull=True),
                name="citizen_privacy_no_hold_once_anonymised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizen_id}"


class CitizenRevision(models.Model):
    """One corrected field: what it was, what it became, who changed it and when."""

    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="revisions",
        db_index=False,
    )
    changed_at = models.DateTimeField(_("ændret"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ændret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    field_name = models.CharField(_("felt"), max_length=100)
    old_value = models.TextField(_("før"), blank=True)
    new_value = models.TextField(_("efter"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("rettelse")
        verbose_name_plural = _("rettelser")
        indexes = [models.Index(fields=["citizen", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.citizen_id}: {self.field_name}"
