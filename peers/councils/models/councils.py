"""Users' councils (brugerråd, aktivitetsråd, brugerforum, centerråd): the council with its voting
rules, its seats, its criteria, its yearly budgets (øre) and its meetings."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import District, Offer


class Council(models.Model):
    class Kind(models.TextChoices):
        USERS_COUNCIL = "users_council", _("Brugerråd")
        ACTIVITY_COUNCIL = "activity_council", _("Aktivitetsråd")
        USERS_FORUM = "users_forum", _("Brugerforum")
        CENTRE_COUNCIL = "centre_council", _("Centerråd")

    class Scope(models.TextChoices):
        OFFER = "offer", _("Tilbud")
        DISTRICT = "district", _("Område")
        CITY = "city", _("Hele kommunen")

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
        verbose_name=_("område"),
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


class CouncilMemberQuerySet(models.QuerySet):
    def voting(self, on: datetime.date | None = None) -> "CouncilMemberQuerySet":
        """Seats that vote on `on` (default: today, local time): chair or member with a running
        term. The one definition of "who holds a voting seat" (issue 15): voting, recusals,
        opening a vote and the council page all ask this."""
        on = on or timezone.localdate()
        return self.filter(
            Q(role__in=(CouncilMember.Role.CHAIR, CouncilMember.Role.MEMBER))
            & Q(term_from__lte=on)
            & (Q(term_to__isnull=True) | Q(term_to__gte=on))
        )


class CouncilMember(models.Model):
    """A user's seat on a council for a term. Chair and members vote while their term runs;
    substitutes step in only when made members."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Formand")
        MEMBER = "member", _("Medlem")
        SUBSTITUTE = "substitute", _("Suppleant")

    council = models.ForeignKey(
        Council,
        verbose_name=_("råd"),
        on_delete=models.CASCADE,
        related_name="members",
        db_index=False,
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

    objects = CouncilMemberQuerySet.as_manager()

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


class CouncilCriteria(models.Model):
    """The criteria the council itself writes for its grants; each change is a new version and
    the newest is the one in force, so an old decision can be read against the criteria of its day."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("råd"),
        on_delete=models.CASCADE,
        related_name="criteria",
        db_index=False,
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
        Council,
        verbose_name=_("råd"),
        on_delete=models.CASCADE,
        related_name="budgets",
        db_index=False,
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
