"""Applications to a council for money for an activity (ansøgninger), their attachments, the
members' votes and recusals, and the decision (beslutning). Money is in øre."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.storage import private_storage
from peers.councils.models.councils import Budget, Council, CouncilCriteria, CouncilMember, Meeting
from peers.councils.uploads import EXTENSIONS


class Application(models.Model):
    """A citizen's application for money for an activity. Only citizens apply (Haderslev model):
    a council member as themselves, or a citizen helped by staff, who is recorded as the helper."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        SUBMITTED = "submitted", _("Indsendt")
        IN_VOTE = "in_vote", _("Til afstemning")
        GRANTED = "granted", _("Bevilget")
        PARTLY_GRANTED = "partly_granted", _("Delvist bevilget")
        REJECTED = "rejected", _("Afslået")
        WITHDRAWN = "withdrawn", _("Trukket tilbage")

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant_citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("ansøger (borger)"),
        on_delete=models.PROTECT,
        related_name="council_applications",
        null=True,
        blank=True,
    )
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansøger (rådsmedlem)"),
        on_delete=models.PROTECT,
        related_name="council_applications",
        null=True,
        blank=True,
    )
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hjulpet af"),
        on_delete=models.PROTECT,
        related_name="helped_applications",
        null=True,
        blank=True,
    )
    applicant_first_name = models.CharField(
        _("ansøgerens fornavn"),
        max_length=100,
        help_text=_("Vises kun offentligt, hvis ansøgeren har sagt ja."),
    )
    publish_first_name = models.BooleanField(_("fornavn må vises offentligt"), default=False)
    title = models.CharField(_("aktivitet"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    amount_ore = models.BigIntegerField(_("beløb (øre)"))
    starts_on = models.DateField(_("dato"))
    ends_on = models.DateField(_("slutdato"), null=True, blank=True)
    beneficiaries = models.TextField(_("hvem får glæde af det"))
    criteria_met = models.TextField(_("hvilke kriterier opfylder den"), blank=True)
    criteria = models.ForeignKey(
        CouncilCriteria,
        verbose_name=_("kriterier (version)"),
        on_delete=models.PROTECT,
        related_name="applications",
        null=True,
        blank=True,
    )
    # Looked up by the (state, vote_deadline) index, which starts with it.
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    proposed_amount_ore = models.BigIntegerField(
        _("beløb til afstemning (øre)"),
        null=True,
        blank=True,
        help_text=_("Rådet kan stemme om et mindre beløb end det ansøgte."),
    )
    vote_deadline = models.DateTimeField(_("afstemning slutter"), null=True, blank=True)
    # The budget the application was made under (issue 19): a grant draws on it, whatever the
    # year the vote closes in.
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.PROTECT,
        related_name="applications",
        null=True,
        blank=True,
    )
    # The council's rules as they stood when the vote opened (issue 19): a later change of the
    # council's rules applies only to later votes. Empty until the vote opens.
    vote_quorum_rule = models.CharField(
        _("beslutningsdygtighed (ved afstemningens start)"),
        max_length=20,
        choices=Council.Quorum.choices,
        blank=True,
    )
    vote_tie_rule = models.CharField(
        _("ved stemmelighed (ved afstemningens start)"),
        max_length=20,
        choices=Council.TieRule.choices,
        blank=True,
    )
    vote_open_votes = models.BooleanField(
        _("åben afstemning (ved afstemningens start)"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ansøgning")
        verbose_name_plural = _("ansøgninger")
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_citizen__isnull=False) | Q(applicant_user__isnull=False),
                name="application_has_applicant",
            ),
            models.CheckConstraint(
                condition=Q(amount_ore__gt=0), name="application_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount_ore__isnull=True)
                | (Q(proposed_amount_ore__gt=0) & Q(proposed_amount_ore__lte=F("amount_ore"))),
                name="application_proposed_within_asked",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="application_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(state="in_vote")
                | (
                    ~Q(vote_quorum_rule="")
                    & ~Q(vote_tie_rule="")
                    & Q(vote_open_votes__isnull=False)
                ),
                name="application_vote_rules_fixed",
            ),
        ]
        indexes = [models.Index(fields=["state", "vote_deadline"])]

    def __str__(self) -> str:
        return self.title

    @property
    def amount_to_vote_ore(self) -> int:
        return self.proposed_amount_ore or self.amount_ore

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED_STATES

    @property
    def shows_named_votes(self) -> bool:
        """Whether who voted what may be shown: only once the vote has closed, and only when the
        vote was opened as an open vote (issue 19; a later change of the council's rules never
        exposes an earlier secret vote)."""
        return bool(self.vote_open_votes) and self.state in DECIDED_STATES

    @property
    def published_first_name(self) -> str:
        """The first name shown on public pages: only with the applicant's consent, else ""."""
        return self.applicant_first_name if self.publish_first_name else ""


DECIDED_STATES = (
    Application.State.GRANTED,
    Application.State.PARTLY_GRANTED,
    Application.State.REJECTED,
    Application.State.WITHDRAWN,
)


def attachment_path(instance: "ApplicationAttachment", filename: str) -> str:
    # The stored name never carries the uploaded name, which may itself be personal, and its
    # extension follows the sniffed type, not the uploaded name (issue 16).
    extension = EXTENSIONS.get(instance.content_type, "bin")
    return f"council-applications/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S%f}.{extension}"


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("fil"), storage=private_storage, upload_to=attachment_path)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("filtype"), max_length=50)
    size = models.PositiveIntegerField(_("størrelse (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploadet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploadet"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self) -> str:
        return self.original_name


# No 0/O, 1/I/L: a receipt is read aloud or copied by hand.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_receipt() -> str:
    """A random receipt code for a vote, e.g. "K7QM-3XPA" (issue 19): the member's proof of the
    vote they cast, shown to them alone."""
    letters = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


class Vote(models.Model):
    """One member's vote on one application. Who voted what stays hidden from everyone but the
    member until the vote closes (issue 19); the member keeps a receipt."""

    class Choice(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nej")
        ABSTAIN = "abstain", _("Stemmer ikke (blank)")

    application = models.ForeignKey(
        Application,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        related_name="votes",
        db_index=False,
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("rådsmedlem"), on_delete=models.PROTECT, related_name="votes"
    )
    choice = models.CharField(_("stemme"), max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(_("afgivet"), default=timezone.now)
    receipt = models.CharField(_("kvittering"), max_length=9, default=new_receipt, editable=False)

    class Meta:
        verbose_name = _("stemme")
        verbose_name_plural = _("stemmer")
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="vote_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.member_id}={self.choice}"


class Recusal(models.Model):
    """A member who may not vote on an application: the applicant, or someone who declared a conflict
    of interest (inhabilitet)."""

    class Reason(models.TextChoices):
        APPLICANT = "applicant", _("Er selv ansøger")
        CONFLICT = "conflict", _("Har erklæret sig inhabil")

    application = models.ForeignKey(
        Application,
        verbose_name=_("ansøgning"),
        on_delete=models.CASCADE,
        related_name="recusals",
        db_index=False,
    )
    member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("rådsmedlem"),
        on_delete=models.PROTECT,
        related_name="recusals",
    )
    reason = models.CharField(_("grund"), max_length=20, choices=Reason.choices)
    declared_at = models.DateTimeField(_("erklæret"), default=timezone.now)

    class Meta:
        verbose_name = _("inhabilitet")
        verbose_name_plural = _("inhabiliteter")
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="recusal_once")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.member_id} {self.reason}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Bevilget")
        PARTLY_GRANTED = "partly_granted", _("Delvist bevilget")
        REJECTED = "rejected", _("Afslået")

    application = models.OneToOneField(
        Application, verbose_name=_("ansøgning"), on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("afgørelse"), max_length=20, choices=Outcome.choices)
    granted_amount_ore = models.BigIntegerField(_("bevilget (øre)"), default=0)
    budget = models.ForeignKey(
        Budget,
        verbose_name=_("budget"),
        on_delete=models.PROTECT,
        related_name="grants",
        null=True,
        blank=True,
    )
    reasoning = models.TextField(_("begrundelse"))
    decided_at = models.DateTimeField(_("besluttet"), default=timezone.now)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("møde"),
        on_delete=models.SET_NULL,
        related_name="decisions",
        null=True,
        blank=True,
    )
    votes_yes = models.PositiveSmallIntegerField(_("ja-stemmer"), default=0)
    votes_no = models.PositiveSmallIntegerField(_("nej-stemmer"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("blanke stemmer"), default=0)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(outcome="rejected", granted_amount_ore=0, budget__isnull=True)
                    | (
                        Q(outcome__in=["granted", "partly_granted"])
                        & Q(granted_amount_ore__gt=0)
                        & Q(budget__isnull=False)
                    )
                ),
                name="decision_amount_matches_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"
