"""Memberships (a role held at a place), the append-only audit log, and the dashboards' data:
target-group shares per district and the status reports."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.formats import format_date
from astnet.storage import PrivateStorage, private_storage  # noqa: F401 - migration 0003 names it


class Role(models.TextChoices):
    STAFF = "staff", _("AST-medarbejder")
    LEADER = "leader", _("Centerleder")
    COUNCIL_MEMBER = "council_member", _("Rådsmedlem")
    PEER_MENTOR = "peer_mentor", _("Peer-vejleder")
    ADMINISTRATION = "administration", _("Administration")
    DATA_PROTECTION_OFFICER = "dpo", _("Databeskyttelsesrådgiver")
    # Who runs the peer training for the whole municipality (issue 21): a role, not a district.
    TRAINING_COORDINATOR = "training_coordinator", _("Uddannelseskoordinator")


# Roles held for the whole municipality, at no offer, district or council.
MUNICIPALITY_ROLES = ["peer_mentor", "administration", "dpo", "training_coordinator"]


MUNICIPALITY_CACHE_KEY = "astnet:municipality"


class Municipality(models.Model):
    """The municipality this installation serves: its name and the words its pages use (issue 21).

    One row (the check constraint keeps it to primary key 1), edited in the admin. Read it through
    `astnet.municipality.current`, never by name in a template or module. The words are Danish
    and stored as they are used: `committee` in the definite form ("Socialudvalget"), `whole` as
    the definite noun that follows "hele" ("byen", "kommunen"), and the area word in its four forms.
    """

    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Som i «Aktivitets- og samværstilbud i …».")
    )
    administration = models.CharField(
        _("forvaltning"),
        max_length=200,
        help_text=_("Afsender på rapporter og i sidefoden, f.eks. «… Kommune, …forvaltningen»."),
    )
    committee = models.CharField(
        _("udvalg, der modtager rapporterne"),
        max_length=100,
        help_text=_("I bestemt form, f.eks. «Socialudvalget»."),
    )
    whole = models.CharField(
        _("ord for det hele"),
        max_length=50,
        help_text=_("I bestemt form efter «hele», f.eks. «byen» eller «kommunen»."),
    )
    area = models.CharField(_("ord for et område"), max_length=50, help_text=_("F.eks. «bydel»."))
    area_plural = models.CharField(_("flere områder"), max_length=50, help_text=_("«bydele»."))
    area_definite = models.CharField(_("området"), max_length=50, help_text=_("«bydelen»."))
    area_plural_definite = models.CharField(
        _("områderne"), max_length=50, help_text=_("«bydelene».")
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommune")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="municipality_one_row")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Every process reads the record through the shared cache (astnet.municipality).
        cache.delete(MUNICIPALITY_CACHE_KEY)

    @property
    def whole_genitive(self) -> str:
        """ "byens", "kommunens": the whole as owner."""
        return f"{self.whole}s"

    @property
    def whole_label(self) -> str:
        """ "Hele byen", "Hele kommunen": the heading for figures over every area."""
        return f"{_('Hele')} {self.whole}"

    @property
    def area_genitive(self) -> str:
        """ "bydelens", "områdets"."""
        return f"{self.area_definite}s"


class Membership(models.Model):
    """A user's role at a place: staff at an offer, leader of a district, member of a council,
    or a city-wide role. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rolle"), max_length=30, choices=Role.choices)
    offer = models.ForeignKey(
        "offers.Offer",
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    district = models.ForeignKey(
        "offers.District",
        verbose_name=_("område"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    council = models.ForeignKey(
        "peers.Council",
        verbose_name=_("råd"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )

    # Given by the municipality's identity provider from its groups claim (settings
    # OIDC_GROUP_MEMBERSHIPS) and taken back when the claim no longer gives it; memberships given
    # in astnet itself are never touched by a login.
    from_identity_provider = models.BooleanField(_("fra kommunens login"), default=False)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role="staff",
                        offer__isnull=False,
                        district__isnull=True,
                        council__isnull=True,
                    )
                    | Q(
                        role="leader",
                        offer__isnull=True,
                        district__isnull=False,
                        council__isnull=True,
                    )
                    | Q(
                        role="council_member",
                        offer__isnull=True,
                        district__isnull=True,
                        council__isnull=False,
                    )
                    | Q(
                        role__in=MUNICIPALITY_ROLES,
                        offer__isnull=True,
                        district__isnull=True,
                        council__isnull=True,
                    )
                ),
                name="membership_place_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "offer"], condition=Q(role="staff"), name="membership_staff_once"
            ),
            models.UniqueConstraint(
                fields=["user", "district"],
                condition=Q(role="leader"),
                name="membership_leader_once",
            ),
            models.UniqueConstraint(
                fields=["user", "council"],
                condition=Q(role="council_member"),
                name="membership_council_once",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=MUNICIPALITY_ROLES),
                name="membership_city_role_once",
            ),
        ]

    def __str__(self) -> str:
        place = self.offer or self.district or self.council or current_municipality().whole_label
        return f"{self.get_role_display()} · {place}"


class AuditEvent(models.Model):
    """Who did what to which object, and when. Never holds personal data in `detail`.

    Append-only: on PostgreSQL triggers refuse UPDATE, DELETE (migration 0002) and TRUNCATE
    (0006), and the runtime database role holds only SELECT and INSERT on the table
    (`astnet/db_roles.py`). `chain_hash` seals each event to the one before it (`astnet/audit.py`).
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Visning")
        CREATE = "create", _("Oprettelse")
        CHANGE = "change", _("Ændring")
        DELETE = "delete", _("Sletning")
        EXPORT = "export", _("Eksport")
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Mislykket login")
        LOGOUT = "logout", _("Log ud")
        CPR_MATCH = "cpr_match", _("CPR-opslag")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        # Users are deactivated, never deleted, so their trail stays whole.
        on_delete=models.PROTECT,
        related_name="audit_events",
        null=True,
        blank=True,
    )
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("objekttype"), max_length=100, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    detail = models.CharField(_("detalje"), max_length=200, blank=True)
    chain_hash = models.CharField(_("kædehash"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit-hændelse")
        verbose_name_plural = _("audit-log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class DistrictTargetShare(models.Model):
    """A district's share of the city's target group (borgere med psykisk sygdom), in per mille.

    The city wants offers spread evenly against where the target group lives; the shares come from
    the social indicators and are entered in the admin each year (data, not code).
    """

    district = models.OneToOneField(
        "offers.District",
        verbose_name=_("område"),
        on_delete=models.CASCADE,
        related_name="target_share",
    )
    share_permille = models.PositiveSmallIntegerField(
        _("andel af målgruppen (promille)"),
        help_text=_(
            "Områdets andel af kommunens målgruppe i promille (0–1000); alle områder giver 1000."
        ),
    )
    year = models.PositiveSmallIntegerField(_("opgjort år"))

    class Meta:
        ordering = ["district__name"]
        verbose_name = _("målgruppeandel")
        verbose_name_plural = _("målgruppeandele")
        constraints = [
            models.CheckConstraint(
                condition=Q(share_permille__lte=1000),
                name="target_share_at_most_all",
                violation_error_message=_("Andelen kan højst være 1000 promille."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="target_share_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.share_permille} ‰ ({self.year})"


def current_municipality() -> Municipality:
    """The installation's municipality (see `astnet.municipality.current`, which caches it)."""
    from astnet.municipality import current

    return current()


def report_upload_to(report: "Report", filename: str) -> str:
    """The private storage path of a report's file: reports/YYYY/MM/<filename> (UTC month)."""
    return f"reports/{timezone.now():%Y/%m}/{filename}"


class Report(models.Model):
    """A status report (statusnotat) for the committee the municipality record names, rendered
    to PDF by a Celery worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Dannes")
        DONE = "done", _("Færdig")
        FAILED = "failed", _("Fejlet")

    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestilt af"),
        # The archive must keep saying who ordered each report.
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        help_text=_("Tom for de månedlige rapporter, som dannes automatisk."),
    )
    district = models.ForeignKey(
        "offers.District",
        verbose_name=_("område"),
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        help_text=_("Tom betyder hele kommunen."),
    )
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    failure_reason = models.CharField(_("årsag til fejl"), max_length=500, blank=True)
    file = models.FileField(
        _("fil"), storage=private_storage, upload_to=report_upload_to, blank=True
    )
    # The numbers behind the PDF's charts (issue 22), made by the same task; empty in older reports.
    numbers_file = models.FileField(
        _("tal bag rapporten"),
        storage=private_storage,
        upload_to=report_upload_to,
        blank=True,
    )
    created_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    # Empty while the task never reached the broker; the beat sweep (reports_requeue) resends it.
    enqueued_at = models.DateTimeField(_("sendt til køen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
                violation_error_message=_(
                    "Perioden skal slutte samme dag som eller efter den starter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="report_done_has_file"
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.scope_label} {format_date(self.period_start)}–{format_date(self.period_end)}"

    @property
    def scope_label(self) -> str:
        return str(self.district) if self.district_id else current_municipality().whole_label

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class ProviderIdentity(models.Model):
    """Who a user is at the municipality's identity provider: its `sub` (subject), stable and never
    reassigned, so a changed e-mail address never moves a login to someone else (issue 17)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="provider_identity",
    )
    subject = models.CharField(_("subject (sub)"), max_length=255, unique=True)
    linked_at = models.DateTimeField(_("forbundet"), default=timezone.now)

    class Meta:
        verbose_name = _("identitet hos kommunens login")
        verbose_name_plural = _("identiteter hos kommunens login")
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="provider_identity_subject_set")
        ]

    def __str__(self) -> str:
        return self.subject
