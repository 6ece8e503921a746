"""Districts (socialpsykiatriske centre), their tracks (faglige spor) and offers (tilbud).

Districts and tracks are data, not code, so another municipality can be set up in the admin alone.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from astnet.formats import format_date


class District(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kort navn"), max_length=100, unique=True)
    leader_name = models.CharField(_("centerleder"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A fagligt spor: the professional track one district leads for the whole city."""

    name = models.CharField(_("navn"), max_length=150, unique=True)
    slug = models.SlugField(_("kort navn"), max_length=150, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    lead_district = models.ForeignKey(
        District,
        verbose_name=_("ledes af"),
        on_delete=models.PROTECT,
        related_name="tracks",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("fagligt spor")
        verbose_name_plural = _("faglige spor")

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """One AST site (or a satellite without a fixed address)."""

    class OperatorKind(models.TextChoices):
        MUNICIPAL = "municipal", _("Kommunal")
        INDEPENDENT = "independent", _("Selvejende")
        PRIVATE = "private", _("Privat")

    class Profile(models.TextChoices):
        SOCIAL = "social", _("Tryghed og socialt samvær")
        DEVELOPMENT = "development", _("Aktiviteter i sporet")
        BOTH = "both", _("Begge dele")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        OPEN = "open", _("Åbent")
        CLOSING = "closing", _("Lukker")
        CLOSED = "closed", _("Lukket")

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kort navn"), max_length=200, unique=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("område"),
        on_delete=models.PROTECT,
        related_name="offers",
        db_index=False,
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("fagligt spor"),
        on_delete=models.PROTECT,
        related_name="offers",
        null=True,
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hovedtilbud"),
        help_text=_("For en satellit: det tilbud den hører under."),
        on_delete=models.PROTECT,
        related_name="satellites",
        null=True,
        blank=True,
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    has_fixed_address = models.BooleanField(_("fast adresse"), default=True)
    places_visited = models.TextField(
        _("steder satellitten besøger"), blank=True, help_text=_("Et sted pr. linje.")
    )
    operator_kind = models.CharField(
        _("driftsform"), max_length=20, choices=OperatorKind.choices, default=OperatorKind.MUNICIPAL
    )
    operator_name = models.CharField(_("driftsherre"), max_length=200, blank=True)
    profile = models.CharField(
        _("profil"), max_length=20, choices=Profile.choices, default=Profile.BOTH
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    step_free = models.BooleanField(_("niveaufri adgang"), default=False)
    quiet_room = models.BooleanField(_("stille rum"), default=False)
    accessibility_note = models.TextField(_("om tilgængelighed"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    opens_on = models.DateField(_("åbner"), null=True, blank=True)
    closes_on = models.DateField(_("lukker"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("erstattes af"),
        on_delete=models.SET_NULL,
        related_name="replaces",
        null=True,
        blank=True,
    )
    plan_note = models.TextField(_("note fra planen"), blank=True)
    target_groups = models.ManyToManyField(
        "TargetGroup", verbose_name=_("målgrupper"), related_name="offers", blank=True
    )
    # Bumped whenever anything printed on the offer's programme changes (see offers/signals.py),
    # so a cached PDF is never shown after an edit.
    programme_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="offer_closes_after_it_opens",
            ),
        ]
        indexes = [models.Index(fields=["district", "status"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The version only ever moves by an UPDATE … + 1 (offers/signals.py): saving a copy read
        # before another edit must not set it back to a number a cached PDF was stored under.
        if not self._state.adding and kwargs.get("update_fields") is None:
            skipped = {"programme_version", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in skipped
            ]
        super().save(*args, **kwargs)

    @property
    def current_address(self) -> str:
        """The address a citizen goes to; empty for a satellite without a fixed address."""
        return self.address.strip() if self.has_fixed_address else ""


class OfferAddressChange(models.Model):
    """An offer moved: the omstilling tells a move from a closing by these."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("tilbud"), on_delete=models.CASCADE, related_name="address_changes"
    )
    changed_on = models.DateField(_("flyttedato"), help_text=_("Den dag tilbuddet flytter."))
    old_address = models.CharField(
        _("gammel adresse"), max_length=200, blank=True, help_text=_("Tom: ingen fast adresse.")
    )
    new_address = models.CharField(
        _("ny adresse"), max_length=200, blank=True, help_text=_("Tom: ingen fast adresse.")
    )
    # Kept when the leader's account is later deleted: the move itself stays true.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registreret af"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["offer", "changed_on", "pk"]
        verbose_name = _("flytning")
        verbose_name_plural = _("flytninger")
        constraints = [
            models.CheckConstraint(
                condition=~Q(old_address=models.F("new_address")),
                name="address_change_changes_the_address",
                violation_error_message=_("Den nye adresse er den samme som den gamle."),
            ),
        ]
        indexes = [models.Index(fields=["changed_on"])]

    def __str__(self) -> str:
        return f"{self.offer} {format_date(self.changed_on)}"


class TargetGroup(models.Model):
    """A målgruppe an offer pays special attention to (young people, older users, …); data, not code."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kort navn"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")

    def __str__(self) -> str:
        return self.name


# What an old slug can name, each with its own foreign key on OldSlug.
OLD_SLUG_LINKS = ("offer", "district", "track", "target_group")


def _names_exactly_one_thing() -> Q:
    condition = Q()
    for chosen in OLD_SLUG_LINKS:
        condition |= Q(**{f"{link}__isnull": link != chosen for link in OLD_SLUG_LINKS})
    return condition


class OldSlug(models.Model):
    """A slug an offer, a district, a track or a target group was known by before; its old links
    redirect to the current one (issue 18: slugs made before æ, ø and å were spelt out lost those
    letters, and a slug made from a name follows the name when it changes)."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="old_slugs", null=True, blank=True
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="old_slugs", null=True, blank=True
    )
    track = models.ForeignKey(
        Track, on_delete=models.CASCADE, related_name="old_slugs", null=True, blank=True
    )
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.CASCADE, related_name="old_slugs", null=True, blank=True
    )
    slug = models.SlugField(_("gammelt kort navn"), max_length=200)

    class Meta:
        verbose_name = _("gammelt kort navn")
        verbose_name_plural = _("gamle korte navne")
        constraints = [
            models.CheckConstraint(
                condition=_names_exactly_one_thing(), name="old_slug_names_one_thing"
            ),
            *(
                # One old slug leads to one thing of each kind (the redirect must be unambiguous).
                models.UniqueConstraint(
                    fields=["slug"],
                    condition=Q(**{f"{link}__isnull": False}),
                    name=f"one_{link}_per_old_slug",
                )
                for link in OLD_SLUG_LINKS
            ),
        ]

    def __str__(self) -> str:
        return self.slug
