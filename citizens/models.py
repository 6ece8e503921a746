"""Citizens (borgere), their visits (fremmøde), consent (samtykke), expectation talks
(forventningssamtaler) and follow-up (opfølgning) at the offers.

A citizen may be known by a chosen name only; most never give more.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import District, Offer


class Challenge(models.TextChoices):
    """The challenges a citizen states themselves (Haderslev's monitoring categories)."""

    JOB = "job", _("Job")
    EDUCATION = "education", _("Uddannelse")
    MENTAL_HEALTH = "mental_health", _("Psykisk helbred")
    HEALTH = "health", _("Fysisk helbred")
    HOUSING = "housing", _("Bolig")
    ALCOHOL = "alcohol", _("Alkohol")
    HASH = "hash", _("Hash")
    OTHER_DRUGS = "other_drugs", _("Andre rusmidler")
    FINANCES = "finances", _("Personlig økonomi")
    SOCIAL_COUNSELLING = "social_counselling", _("Social rådgivning")
    DENTAL = "dental", _("Tandpleje")


def validate_challenges(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(Challenge.values):
        raise ValidationError(_("Vælg kun udfordringer fra listen."))


MIN_NAME_LETTERS = 2


def validate_chosen_name(value: str) -> None:
    """A chosen name has at least two letters: one tap on a one-letter search must not make a
    citizen called "C" (issue 19). Raises ValidationError with a Danish message."""
    if sum(character.isalpha() for character in value) < MIN_NAME_LETTERS:
        raise ValidationError(
            _("Skriv mindst to bogstaver af det navn, borgeren vil kaldes."), code="too_short"
        )


class Citizen(models.Model):
    chosen_name = models.CharField(
        _("navn"),
        max_length=100,
        help_text=_("Det navn borgeren selv vil kaldes."),
        validators=[validate_chosen_name],
    )
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("bor i område"),
        on_delete=models.PROTECT,
        related_name="residents",
        null=True,
        blank=True,
    )
    home_offers = models.ManyToManyField(
        Offer, verbose_name=_("faste tilbud"), related_name="regulars", blank=True
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fast kontaktperson"),
        on_delete=models.SET_NULL,
        related_name="contact_for",
        null=True,
        blank=True,
    )
    wants_contact = models.BooleanField(
        _("ønsker at blive kontaktet"),
        default=False,
        help_text=_("Kontaktoplysninger gemmes kun, hvis borgeren selv ønsker det."),
    )
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    challenges = models.JSONField(
        _("udfordringer borgeren selv nævner"),
        default=list,
        blank=True,
        validators=[validate_challenges],
    )
    # The CPR number itself is only ever stored encrypted (citizens/cpr.py); the keyed hash finds it.
    cpr_encrypted = models.TextField(editable=False, blank=True)
    # Not unique (issue 16): refusing a number held outside the user's scope would tell them it
    # exists. Within the scope a second record is refused (citizens/services.py).
    cpr_hash = models.CharField(max_length=64, editable=False, null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["chosen_name", "pk"]
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="citizen_birth_year_plausible",
            ),
            # Least data: without the citizen's wish there are no contact details to keep.
            models.CheckConstraint(
                condition=Q(wants_contact=True) | Q(phone="", email=""),
                name="citizen_contact_details_only_when_wanted",
            ),
            models.CheckConstraint(
                condition=Q(cpr_hash__isnull=True, cpr_encrypted="")
                | Q(cpr_hash__isnull=False) & ~Q(cpr_encrypted=""),
                name="citizen_cpr_encrypted_with_hash",
            ),
        ]

    def __str__(self) -> str:
        return self.chosen_name

    @property
    def has_cpr(self) -> bool:
        return bool(self.cpr_hash)


class Visit(models.Model):
    """One citizen at one offer on one day; a second check-in the same day is the same visit."""

    citizen = models.ForeignKey(
        Citizen,
        verbose_name=_("borger"),
        on_delete=models.CASCADE,
        related_name="visits",
        db_index=False,
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.PROTECT,
        related_name="visits",
        db_index=False,
    )
    day = models.DateField(_("dato"))
    # The database default covers rows written outside the ORM (the benchmark's COPY).
    created_at = models.DateTimeField(_("registreret"), default=timezone.now, db_default=Now())
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøder")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "offer", "day"], name="visit_once_per_citizen_offer_day"
            )
        ]
        # Dashboards count visits and distinct citizens per offer and week over years of rows; with
        # the citizen in the index PostgreSQL answers them from the index alone.
        indexes = [
            models.Index(
                fields=["offer", "day"], include=["citizen"], name="visit_offer_day_citizen"
            ),
            # The city overview counts every offer's visits in a period: by day first.
            models.Index(
                fields=["day"], include=["offer", "citizen"], name="visit_day_offer_citizen"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizen_id}@{self.offer_id} {self.day}"


class AnonymousVisits(models.Model):
    """The head count of people who came without being registered, per offer per day."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.PROTECT,
        related_name="anonymous_visits",
        db_index=False,
    )
    day = models.DateField(_("dato"))
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("anonymt fremmøde")
        verbose_name_plural = _("anonyme fremmøder")
        constraints = [
            models.UniqueConstraint(fields=["offer", "day"], name="anonymous_visits_once_per_day"),
            models.CheckConstraint(condition=Q(count__gte=0), name="anonymous_visits_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.day}: {self.count}"


class Consent(models.Model):
    """What the citizen agreed to. A withdrawn consent stays as history and allows nothing."""

    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Opfølgning, når borgeren ikke har været her længe")
        RELATIVES = "relatives", _("Inddragelse af pårørende")
        PARTNER = "partner", _("Deling med en navngiven samarbejdspartner")

    citizen = models.ForeignKey(
        Citizen, verbose_name=_("borger"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("samtykke til"), max_length=20, choices=Kind.choices)
    partner_name = models.CharField(_("samarbejdspartner"), max_length=200, blank=True)
    given_at = models.DateTimeField(_("givet"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilbagetrækning registreret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="partner") & ~Q(partner_name="")
                | ~Q(kind="partner") & Q(partner_name=""),
                name="consent_partner_named_only_for_partner",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("given_at")),
                name="consent_withdrawn_after_given",
            ),
            models.UniqueConstraint(
                fields=["citizen", "kind", "partner_name"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.citizen_id}: {self.kind}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ExpectationTalk(models.Model):
    """A forventningssamtale: the citizen's own wishes, in their own words, recorded by staff.

    A yes to follow-up says how the citizen wants to be reached (issue 20): the consent is of no
    use to the staff who reach out if nobody asked how."""

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Ring til borgeren")
        SMS = "sms", _("Send en sms")
        EMAIL = "email", _("Send en e-mail")
        IN_PERSON = "in_person", _("Tal med borgeren, næste gang vedkommende kommer")
        CONTACT_PERSON = "contact_person", _("Gennem kontaktpersonen")

    # Methods that need the citizen's phone number or e-mail address on their record.
    NEEDS_PHONE = {ContactMethod.PHONE, ContactMethod.SMS}
    NEEDS_EMAIL = {ContactMethod.EMAIL}

    citizen = models.ForeignKey(
        Citizen, verbose_name=_("borger"), on_delete=models.CASCADE, related_name="talks"
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("tilbud"), on_delete=models.PROTECT, related_name="talks"
    )
    held_on = models.DateField(_("dato for samtalen"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medarbejder"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    wishes_and_goals = models.TextField(_("ønsker og mål"), help_text=_("Med borgerens egne ord."))
    what_helps = models.TextField(
        _("det hjælper, når det er svært"),
        blank=True,
        help_text=_("Fx ved konflikter eller frustrationer."),
    )
    activities_to_try = models.TextField(_("aktiviteter borgeren vil prøve"), blank=True)
    follow_up_consent_asked = models.BooleanField(_("spurgt om samtykke til opfølgning"))
    follow_up_consent_given = models.BooleanField(_("samtykke til opfølgning givet"))
    contact_person_agreed = models.BooleanField(_("fast kontaktperson aftalt"), default=False)
    contact_method = models.CharField(
        _("sådan vil borgeren kontaktes"),
        max_length=20,
        choices=ContactMethod.choices,
        blank=True,
        help_text=_("Spørg, når borgeren siger ja til opfølgning."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("forventningssamtale")
        verbose_name_plural = _("forventningssamtaler")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_consent_given=False) | Q(follow_up_consent_asked=True),
                name="talk_consent_given_only_when_asked",
            ),
            # Talks recorded before issue 20 have consent without a method; new ones must not.
            models.CheckConstraint(
                condition=Q(follow_up_consent_given=True) | Q(contact_method=""),
                name="talk_contact_method_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizen_id} {self.held_on}"


# The sub-domains' models, re-exported so that `citizens.models` names every model of the app.
from citizens.courses.models import (  # noqa: E402
    Attendance,
    Course,
    Enrollment,
    Goal,
    GoalRating,
    Session,
)
from citizens.follow_up.models import FollowUp, FollowUpSetting, Outreach  # noqa: E402
from citizens.outreach.models import (  # noqa: E402
    CaseworkHours,
    CaseworkPartner,
    Consultation,
)
from citizens.rights.models import (  # noqa: E402
    AnonymisationReason,
    CitizenPrivacy,
    CitizenRevision,
)
from citizens.satisfaction.models import (  # noqa: E402
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from citizens.visit_months.models import VisitMonth, VisitMonthCheck  # noqa: E402

__all__ = [
    "AnonymisationReason",
    "AnonymousVisits",
    "Attendance",
    "CaseworkHours",
    "CaseworkPartner",
    "Challenge",
    "Citizen",
    "CitizenPrivacy",
    "CitizenRevision",
    "Consent",
    "Consultation",
    "Course",
    "Enrollment",
    "ExpectationTalk",
    "FollowUp",
    "FollowUpSetting",
    "Goal",
    "GoalRating",
    "Outreach",
    "Session",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "Visit",
    "VisitMonth",
    "VisitMonthCheck",
    "validate_challenges",
]
