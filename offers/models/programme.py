"""The weekly programme of an offer: opening hours, exceptions to them (closed days, other hours)
and activities."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from astnet.formats import format_date
from offers.models.places import Offer, Track


class Weekday(models.IntegerChoices):
    """Monday is 0, as in `date.weekday()`."""

    MONDAY = 0, _("mandag")
    TUESDAY = 1, _("tirsdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")
    SATURDAY = 5, _("lørdag")
    SUNDAY = 6, _("søndag")


END_AFTER_START = _("Sluttidspunktet skal være efter starttidspunktet.")


class OpeningHours(models.Model):
    """One opening period on one weekday. A day may have several (e.g. a brugerstyret evening)."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("tilbud"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    opens = models.TimeField(_("åbner"))
    closes = models.TimeField(_("lukker"))
    user_run = models.BooleanField(
        _("brugerstyret"),
        default=False,
        help_text=_("Brugerne holder selv åbent i denne periode (brugerstyret åbningsflade)."),
    )
    # A change of hours entered for a later day ends the old period the day before and starts
    # the new one on that day (offers/services.py), so every date shows the hours it had.
    valid_from = models.DateField(
        _("gælder fra"), null=True, blank=True, help_text=_("Tom: siden tilbuddet åbnede.")
    )
    valid_until = models.DateField(
        _("gælder til"), null=True, blank=True, help_text=_("Tom: indtil videre.")
    )

    class Meta:
        ordering = ["offer", "weekday", "opens"]
        verbose_name = _("åbningstid")
        verbose_name_plural = _("åbningstider")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message=END_AFTER_START,
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="opening_hours_valid_weekday"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="opening_hours_valid_until_after_from",
                violation_error_message=_(
                    "Perioden skal slutte samme dag som eller efter den starter."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"

    def valid_on(self, day) -> bool:
        """The period applies on `day` (a date), whatever its weekday."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def clean(self) -> None:
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": END_AFTER_START})
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Perioden skal slutte samme dag som eller efter den starter.")}
            )
        if self.offer_id is None or self.weekday is None or not (self.opens and self.closes):
            return
        # Two periods on the same day may touch (10–14 and 14–18) but not overlap, unless
        # they apply in different spans of dates.
        same_dates = Q()
        if self.valid_from is not None:
            same_dates &= Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
        if self.valid_until is not None:
            same_dates &= Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_until)
        overlapping = (
            OpeningHours.objects.filter(
                same_dates,
                offer_id=self.offer_id,
                weekday=self.weekday,
                opens__lt=self.closes,
                closes__gt=self.opens,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping:
            raise ValidationError(
                _("Åbningstiden overlapper %(other)s, som allerede er oprettet.")
                % {"other": overlapping}
            )


class OpeningException(models.Model):
    """A day that differs from the usual hours: a holiday, a closed day or special hours."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="exceptions",
        db_index=False,
    )
    date = models.DateField(_("dato"))
    closed = models.BooleanField(_("lukket hele dagen"), default=True)
    opens = models.TimeField(_("åbner"), null=True, blank=True)
    closes = models.TimeField(_("lukker"), null=True, blank=True)
    reason = models.CharField(_("årsag"), max_length=200, blank=True)

    class Meta:
        ordering = ["offer", "date"]
        verbose_name = _("afvigende åbningstid")
        verbose_name_plural = _("afvigende åbningstider")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "date"],
                name="one_exception_per_offer_and_day",
                violation_error_message=_("Der er allerede en afvigelse for denne dag."),
            ),
            models.CheckConstraint(
                condition=Q(closed=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=models.F("opens")),
                name="exception_closed_or_valid_hours",
                violation_error_message=_(
                    "Angiv enten at der er lukket, eller et åbne- og et lukketidspunkt, "
                    "hvor lukketidspunktet er efter åbnetidspunktet."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{format_date(self.date)}"

    def clean(self) -> None:
        if self.closed:
            self.opens = self.closes = None
            return
        errors = {}
        if self.opens is None:
            errors["opens"] = _("Angiv hvornår tilbuddet åbner, eller markér dagen som lukket.")
        if self.closes is None:
            errors["closes"] = _("Angiv hvornår tilbuddet lukker, eller markér dagen som lukket.")
        elif self.opens is not None and self.closes <= self.opens:
            errors["closes"] = END_AFTER_START
        if errors:
            raise ValidationError(errors)


class Activity(models.Model):
    """An aktivitet on an offer's programme: once, or every week on one weekday in a period."""

    class Kind(models.TextChoices):
        COMMUNAL_MEAL = "faellesspisning", _("Fællesspisning")
        WORKSHOP = "vaerksted", _("Værksted")
        EXCURSION = "udflugt", _("Udflugt")
        COURSE = "kursus", _("Kursus")
        TALK_GROUP = "samtalegruppe", _("Samtalegruppe")
        EXERCISE = "motion", _("Motion")
        OTHER = "andet", _("Andet")

    class Schedule(models.TextChoices):
        ONCE = "once", _("Én gang")
        WEEKLY = "weekly", _("Hver uge")

    class Place(models.TextChoices):
        AT_OFFER = "at_offer", _("I tilbuddet")
        OUT = "out", _("Ud af huset")

    offer = models.ForeignKey(
        Offer, verbose_name=_("tilbud"), on_delete=models.CASCADE, related_name="activities"
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("fagligt spor"),
        on_delete=models.SET_NULL,
        related_name="activities",
        null=True,
        blank=True,
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(_("slags"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    schedule = models.CharField(
        _("gentagelse"), max_length=10, choices=Schedule.choices, default=Schedule.WEEKLY
    )
    date = models.DateField(_("dato"), null=True, blank=True, help_text=_("For en enkelt gang."))
    weekday = models.PositiveSmallIntegerField(
        _("ugedag"), choices=Weekday.choices, null=True, blank=True, help_text=_("For hver uge.")
    )
    starts_on = models.DateField(
        _("fra dato"), null=True, blank=True, help_text=_("Første uge aktiviteten holdes.")
    )
    ends_on = models.DateField(
        _("til dato"),
        null=True,
        blank=True,
        help_text=_("Sidste dag; lad feltet stå tomt, hvis aktiviteten fortsætter."),
    )
    start_time = models.TimeField(_("starter kl."))
    end_time = models.TimeField(_("slutter kl."))
    place = models.CharField(
        _("sted"), max_length=10, choices=Place.choices, default=Place.AT_OFFER
    )
    place_note = models.CharField(
        _("hvor ude"),
        max_length=200,
        blank=True,
        help_text=_("Mødested, når aktiviteten foregår ud af huset."),
    )
    user_run = models.BooleanField(_("brugerstyret"), default=False)
    with_volunteers = models.BooleanField(_("med frivillige"), default=False)
    signup_required = models.BooleanField(_("kræver tilmelding"), default=False)
    capacity = models.PositiveIntegerField(
        _("antal pladser"), null=True, blank=True, help_text=_("Tomt: ingen grænse.")
    )
    price_ore = models.PositiveIntegerField(
        _("pris i øre"), default=0, help_text=_("0 betyder gratis.")
    )

    class Meta:
        ordering = ["offer", "weekday", "date", "start_time"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="activity_ends_after_it_starts",
                violation_error_message=END_AFTER_START,
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="activity_capacity_positive",
                violation_error_message=_("Antal pladser skal være mindst 1."),
            ),
            models.CheckConstraint(
                condition=Q(price_ore__gte=0),
                name="activity_price_not_negative",
                violation_error_message=_("Prisen kan ikke være negativ."),
            ),
            models.CheckConstraint(
                condition=Q(schedule="once", date__isnull=False)
                | Q(schedule="weekly", weekday__isnull=False, starts_on__isnull=False),
                name="activity_schedule_complete",
                violation_error_message=_(
                    "En enkelt aktivitet skal have en dato; en ugentlig en ugedag og en startdato."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="activity_period_ends_after_start",
                violation_error_message=_(
                    "Slutdatoen skal være samme dag som eller efter startdatoen."
                ),
            ),
        ]
        indexes = [models.Index(fields=["schedule", "weekday"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def price_kroner(self) -> str:
        kroner, ore = divmod(self.price_ore, 100)
        return f"{kroner},{ore:02d}" if ore else str(kroner)

    def clean(self) -> None:
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = END_AFTER_START
        if self.schedule == self.Schedule.ONCE:
            if self.date is None:
                errors["date"] = _("Angiv datoen for en aktivitet, der holdes én gang.")
            self.weekday = self.starts_on = self.ends_on = None
        else:
            if self.weekday is None:
                errors["weekday"] = _("Angiv ugedagen for en ugentlig aktivitet.")
            if self.starts_on is None:
                errors["starts_on"] = _("Angiv fra hvilken dato aktiviteten holdes.")
            elif self.ends_on is not None and self.ends_on < self.starts_on:
                errors["ends_on"] = _("Slutdatoen skal være samme dag som eller efter startdatoen.")
            elif self.weekday is not None and self.first_day() is None:
                errors["weekday"] = _(
                    "Perioden fra %(first)s til %(last)s har ingen %(weekday)s. "
                    "Ret ugedagen eller datoerne."
                ) % {
                    "first": format_date(self.starts_on),
                    "last": format_date(self.ends_on),
                    "weekday": self.get_weekday_display(),
                }
            self.date = None
        if self.place == self.Place.AT_OFFER:
            self.place_note = self.place_note.strip()
        if errors:
            raise ValidationError(errors)

    def first_day(self) -> datetime.date | None:
        """The first day the activity is held; None for a weekly activity whose period holds no
        such weekday (refused by `clean`, issue 18)."""
        if self.schedule == self.Schedule.ONCE:
            return self.date
        if self.starts_on is None or self.weekday is None:
            return None
        first = self.starts_on + datetime.timedelta(
            days=(self.weekday - self.starts_on.weekday()) % 7
        )
        if self.ends_on is not None and first > self.ends_on:
            return None
        return first

    def occurs_on(self, day) -> bool:
        return self.occurs(
            day,
            schedule=self.schedule,
            date=self.date,
            weekday=self.weekday,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
        )

    @classmethod
    def occurs(cls, day, *, schedule, date, weekday, starts_on, ends_on) -> bool:
        """Whether an activity with these schedule fields takes place on `day` (a date): the one
        rule, for a loaded activity (`occurs_on`) and for its bare fields (offers.selectors)."""
        if schedule == cls.Schedule.ONCE:
            return date == day
        return (
            day.weekday() == weekday
            and starts_on is not None
            and starts_on <= day
            and (ends_on is None or day <= ends_on)
        )
