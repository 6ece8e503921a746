"""Users' councils (brugerråd, aktivitetsråd, brugerforum, centerråd) and peer mentors.

A council controls a yearly budget; citizens apply for money for activities (ansøgninger), the council's
voting members vote, and the decision (beslutning) is published. Money is in øre.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.storage import private_storage
from offers.models import District, Offer


class Council(models.Model):
    class Kind(models.TextChoices):
        USERS_COUNCIL = "users_council", _("Brugerråd")
        ACTIVITY_COUNCIL = "activity_council", _("Aktivitetsråd")
        USERS_FORUM = "users_forum", _("Brugerforum")
        CENTRE_COUNCIL = "centre_council", _("Centerråd")

    class Scope(models.TextChoices):
        OFFER = "offer", _("Tilbud")
        DISTRICT = "district", _("Bydel")
        CITY = "city", _("Hele byen")

    class Quorum(models.TextChoices):
        MORE_THAN_HALF = "more_than_half", _("Mere end halvdelen af de stemmeberettigede")
        TWO_THIRDS = "two_thirds", _("Mindst to tredjedele af de stemmeberettigede")
        ALL = "all", _("Alle stemmeberettigede")

    class TieRule(models.TextChoices):
        REJECT = "reject", _("Stemmelighed betyder afslag")
        CHAIR_DECIDES = "chair_decides", _("Formandens stemme afgør")

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("slags"), max_length=30, choices=Kind.choices)
    scope = models.CharField(_("område"), max_length=20, choices=Scope.choices)
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.PROTECT,
        related_name="councils",
        null=True,
        blank=True,
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("bydel"),
        on_delete=models.PROTECT,
        related_name="councils",
        null=True,
        blank=True,
    )
    quorum_rule = models.CharField(
        _("beslutningsdygtighed"),
        max_length=20,
        choices=Quorum.choices,
        default=Quorum.MORE_THAN_HALF,
    )
    tie_rule = models.CharField(
        _("ved stemmelighed"), max_length=20, choices=TieRule.choices, default=TieRule.REJECT
    )
    open_votes = models.BooleanField(
        _("åbne afstemninger"),
        default=False,
        help_text=_("Referatet viser, hvem der stemte hvad."),
    )
    vote_days = models.PositiveSmallIntegerField(
        _("dage til afstemning"),
        default=7,
        help_text=_("Hvor mange dage medlemmerne har til at stemme."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("råd")
        verbose_name_plural = _("råd")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="offer") & Q(offer__isnull=False))
                | (Q(scope="district") & Q(district__isnull=False) & Q(offer__isnull=True))
                | (Q(scope="city") & Q(district__isnull=True) & Q(offer__isnull=True)),
                name="council_scope_matches_place",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def quorum_met(self, *, cast: int, eligible: int) -> bool:
        """Whether `cast` votes out of `eligible` voting members make the council able to decide."""
        if eligible <= 0:
            return False
        if self.quorum_rule == self.Quorum.TWO_THIRDS:
            return cast * 3 >= eligible * 2
        if self.quorum_rule == self.Quorum.ALL:
            return cast >= eligible
        return cast * 2 > eligible


class CouncilMember(models.Model):
    """A user's seat on a council for a term. Chair and members vote while their term runs;
    substitutes step in only when made members."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Formand")
        MEMBER = "member", _("Medlem")
        SUBSTITUTE = "substitute", _("Suppleant")

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_from = models.DateField(_("valgt fra"), default=datetime.date.today)
    term_to = models.DateField(_("valgt til"), null=True, blank=True)

    class Meta:
        ordering = ["council", "role", "user__first_name"]
        verbose_name = _("rådsmedlem")
        verbose_name_plural = _("rådsmedlemmer")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_member_once"),
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="council_member_term_ordered",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.user.get_full_name() or self.user.get_username()} ({self.get_role_display()})"
        )

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def is_voting(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (
            self.role in VOTING_ROLES
            and self.term_from <= on
            and (self.term_to is None or self.term_to >= on)
        )


VOTING_ROLES = (CouncilMember.Role.CHAIR, CouncilMember.Role.MEMBER)


def voting_members_q(on: datetime.date) -> Q:
    """Seats that vote on `on`: chair or member with a running term."""
    return (
        Q(role__in=VOTING_ROLES)
        & Q(term_from__lte=on)
        & (Q(term_to__isnull=True) | Q(term_to__gte=on))
    )


class CouncilCriteria(models.Model):
    """The criteria the council itself writes for its grants; each change is a new version and
    the newest is the one in force, so an old decision can be read against the criteria of its day."""

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), on_delete=models.CASCADE, related_name="criteria"
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("kriterier"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["council", "-version"]
        get_latest_by = "version"
        verbose_name = _("kriterier")
        verbose_name_plural = _("kriterier")
        constraints = [
            models.UniqueConstraint(fields=["council", "version"], name="criteria_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.council} v{self.version}"


class Budget(models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("råd"), on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount_ore = models.BigIntegerField(_("beløb (øre)"))

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgetter")
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="budget_once_per_year"),
            models.CheckConstraint(condition=Q(amount_ore__gte=0), name="budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.year}"


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
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    proposed_amount_ore = models.BigIntegerField(
        _("beløb til afstemning (øre)"),
        null=True,
        blank=True,
        help_text=_("Rådet kan stemme om et mindre beløb end det ansøgte."),
    )
    vote_deadline = models.DateTimeField(_("afstemning slutter"), null=True, blank=True)
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


DECIDED_STATES = (
    Application.State.GRANTED,
    Application.State.PARTLY_GRANTED,
    Application.State.REJECTED,
    Application.State.WITHDRAWN,
)


def attachment_path(instance: "ApplicationAttachment", filename: str) -> str:
    # The stored name never carries the uploaded name, which may itself be personal.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
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


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nej")
        ABSTAIN = "abstain", _("Stemmer ikke (blank)")

    application = models.ForeignKey(
        Application, verbose_name=_("ansøgning"), on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("rådsmedlem"), on_delete=models.PROTECT, related_name="votes"
    )
    choice = models.CharField(_("stemme"), max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(_("afgivet"), default=timezone.now)

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
        Application, verbose_name=_("ansøgning"), on_delete=models.CASCADE, related_name="recusals"
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


class Meeting(models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("råd"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("dato"))
    agenda = models.TextField(_("dagsorden"), blank=True)
    attendance = models.ManyToManyField(
        CouncilMember, verbose_name=_("fremmødte"), related_name="meetings_attended", blank=True
    )
    minutes = models.TextField(_("referat"), blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")

    def __str__(self) -> str:
        return f"{self.council} {self.date}"


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


from peers.mentors_models import *  # noqa: E402,F401,F403
