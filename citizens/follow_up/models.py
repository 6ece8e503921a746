"""Follow-up (opfølgning): the rule per offer, the list of citizens due for a call, and the calls."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offers.models import Offer


class FollowUpSetting(models.Model):
    """How long an offer waits before reaching out to a citizen who has consented to follow-up.
    Kept here rather than on Offer: follow-up is the citizens app's rule."""

    DEFAULT_THRESHOLD_DAYS = 14

    offer = models.OneToOneField(
        Offer, verbose_name=_("tilbud"), on_delete=models.CASCADE, related_name="follow_up_setting"
    )
    threshold_days = models.PositiveSmallIntegerField(
        _("dage uden fremmøde før opfølgning"), default=DEFAULT_THRESHOLD_DAYS
    )

    class Meta:
        verbose_name = _("opfølgningsregel")
        verbose_name_plural = _("opfølgningsregler")
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold_days__gte=1, threshold_days__lte=365),
                name="follow_up_threshold_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.threshold_days}"


class FollowUp(models.Model):
    """A citizen due for follow-up at an offer: opened by the nightly refresh, closed only by what
    happened (issue 19): the citizen came again (`closing_visit` names the visit), was reached or
    declined, withdrew the consent, or the rule, the offer or the record changed. Only
    `citizens.follow_up.services.follow_ups_close` closes one."""

    class CloseReason(models.TextChoices):
        VISITED = "visited", _("Borgeren er kommet igen")
        REACHED = "reached", _("Kontakt opnået")
        DECLINED = "declined", _("Borgeren ønsker ikke kontakt nu")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtykket er trukket tilbage")
        NO_LONGER_DUE = "no_longer_due", _("Ikke længere aktuel efter ændret opfølgningsregel")
        NO_LONGER_REGULAR = "no_longer_regular", _("Ikke længere fast bruger af tilbuddet")
        OFFER_CLOSED = "offer_closed", _("Tilbuddet er lukket")
        ANONYMISED = "anonymised", _("Borgeren er anonymiseret")
        MERGED = "merged", _("Lagt sammen med en anden registrering af borgeren")

    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
        db_index=False,
    )
    last_visit_on = models.DateField(_("sidste fremmøde"), null=True, blank=True)
    opened_on = models.DateField(_("på listen siden"))
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    close_reason = models.CharField(
        _("afsluttet fordi"), max_length=20, choices=CloseReason.choices, blank=True
    )
    # Undoing a mistaken check-in reopens the follow-up it closed (citizens.services.visit_undo).
    closing_visit = models.ForeignKey(
        "citizens.Visit",
        verbose_name=_("fremmøde der afsluttede"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["last_visit_on", "pk"]
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "offer"],
                condition=Q(closed_at__isnull=True),
                name="follow_up_one_open_per_citizen_offer",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, close_reason="")
                | Q(closed_at__isnull=False) & ~Q(close_reason=""),
                name="follow_up_closed_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["offer", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.citizen_id}@{self.offer_id}"


class Outreach(models.Model):
    """One attempt to reach a citizen on the follow-up list, and how it went."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("Talt med borgeren")
        MESSAGE_LEFT = "message_left", _("Besked lagt")
        NO_ANSWER = "no_answer", _("Ikke svar")
        DECLINED = "declined", _("Borgeren ønsker ikke kontakt nu")

    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="outreaches",
    )
    follow_up = models.ForeignKey(
        FollowUp,
        verbose_name=_("opfølgning"),
        on_delete=models.SET_NULL,
        related_name="outreaches",
        null=True,
        blank=True,
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontaktet af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    on = models.DateField(_("dato"))
    outcome = models.CharField(_("resultat"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("opsøgende kontakt")
        verbose_name_plural = _("opsøgende kontakter")

    def __str__(self) -> str:
        return f"{self.citizen_id} {self.on}: {self.outcome}"
