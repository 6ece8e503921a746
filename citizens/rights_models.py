"""The citizen's rights under GDPR (borgerens rettigheder): the history of corrections
(art. 16, berigtigelse) and the state of erasure (art. 17, anonymisering, retsligt forbehold).

Loaded by `citizens/models.py`, so the models belong to the citizens app. The signals at the end
keep the history of every change to a citizen, whichever code saves it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_save
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


# The revision history is kept by signals so that every save is covered, also the ones made by code
# that does not know about it; `citizens.rights.record_changes` adds who made the change when the
# caller knows. Imported late: the rights module needs the models above.


def _before_save(sender, instance, raw=False, **kwargs):
    instance._rights_just_created = False
    if raw or instance.pk is None:
        return
    from citizens import rights

    instance._rights_before = rights.snapshot_from_db(instance.pk)


def _after_save(sender, instance, created, raw=False, **kwargs):
    if created:
        # The offers set right after the insert belong to the creation, not to a correction.
        instance._rights_just_created = True
    before = getattr(instance, "_rights_before", None)
    if raw or created or before is None:
        return
    from citizens import rights

    del instance._rights_before
    rights.record_changes(instance, before, rights.snapshot(instance), by=None)


def _home_offers_changed(sender, instance, action, reverse, **kwargs):
    """`set()` removes and adds in two steps; each step is one revision of the offers list."""
    if reverse or getattr(instance, "_rights_just_created", False):
        return
    from citizens import rights

    if action in {"pre_add", "pre_remove", "pre_clear"}:
        instance._rights_offers_before = rights.home_offers_text(instance)
    elif action in {"post_add", "post_remove", "post_clear"}:
        before = getattr(instance, "_rights_offers_before", None)
        if before is not None:
            del instance._rights_offers_before
            rights.record_home_offers(instance, before)


pre_save.connect(_before_save, sender="citizens.Citizen", dispatch_uid="rights_citizen_pre_save")
post_save.connect(_after_save, sender="citizens.Citizen", dispatch_uid="rights_citizen_post_save")
m2m_changed.connect(
    _home_offers_changed, sender="citizens.Citizen_home_offers", dispatch_uid="rights_home_offers"
)
