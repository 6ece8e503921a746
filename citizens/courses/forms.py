"""Forms for courses (forløb): the course, its sessions, enrolment, outcome, goals and ratings."""

import datetime

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from astnet.municipality import ALL_AREAS_LABEL, AREA_LABEL
from citizens.courses.access import possible_leads, possible_peer_mentors
from citizens.courses.models import SCORE_MESSAGE, Course, Enrollment, GoalRating, Session
from citizens.models import Citizen
from offers.models import District, Offer, Track

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
STARTS_SOON_DAYS = 30


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class CourseForm(DkfdsFormMixin, forms.ModelForm):
    host_offers = forms.ModelMultipleChoiceField(
        label=_("Værtstilbud"),
        queryset=Offer.objects.exclude(status=Offer.Status.CLOSED).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hvor forløbet holdes. Medarbejdere her fører fremmøde."),
        error_messages={"required": _("Vælg mindst ét værtstilbud.")},
    )
    lead = LeadChoiceField(
        label=_("Tovholder"),
        queryset=possible_leads(),
        empty_label=None,
    )
    peer_mentors = PersonChoiceField(
        label=_("Peer-vejledere, der er med til at lede forløbet"),
        queryset=possible_peer_mentors(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "kind",
            "format",
            "track",
            "host_offers",
            "lead",
            "peer_mentors",
            "purpose",
            "themes",
            "expected_effect",
            "capacity",
            "start_date",
            "end_date",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.Textarea(attrs={"rows": 4}),
            "expected_effect": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Skriv forløbets titel.")},
            "kind": {"required": _("Vælg forløbets type.")},
            "track": {"required": _("Vælg det faglige spor.")},
            "capacity": {"required": _("Skriv antal pladser.")},
            "start_date": {
                "required": _("Skriv startdatoen."),
                "invalid": _("Skriv en gyldig dato."),
            },
            "end_date": {"invalid": _("Skriv en gyldig dato.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.order_by("name")
        self.fields["track"].empty_label = _("Vælg spor")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Forløbet kan ikke slutte, før det starter."))
        if cleaned.get("kind") == Course.Kind.REFERRED:
            if not end and "end_date" not in self.errors:
                self.add_error("end_date", _("Et visiteret forløb skal have en slutdato."))
            if not (cleaned.get("expected_effect") or "").strip():
                self.add_error(
                    "expected_effect", _("Et visiteret forløb skal have en forventet effekt.")
                )
        return cleaned


class SessionForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "starts_at", "place", "theme"]
        widgets = {"date": DATE, "starts_at": TIME}
        error_messages = {
            "date": {"required": _("Skriv datoen."), "invalid": _("Skriv en gyldig dato.")},
            "starts_at": {
                "required": _("Skriv klokkeslættet."),
                "invalid": _("Skriv et gyldigt klokkeslæt, fx 10:00."),
            },
            "place": {"required": _("Skriv, hvor mødegangen holdes.")},
        }


class ScopedChoicesForm(forms.Form):
    """Narrows one choice field to the user's scope before DkfdsFormMixin (earlier in the bases)
    looks at the bound form's errors, so validation runs against the scoped choices."""

    scoped_field = ""

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.scoped_field].queryset = choices


class EnrollmentForm(DkfdsFormMixin, ScopedChoicesForm):
    scoped_field = "citizen"

    citizen = forms.ModelChoiceField(
        label=_("Borger"),
        queryset=Citizen.objects.none(),
        empty_label=_("Vælg borger"),
        error_messages={
            "required": _("Vælg borgeren."),
            "invalid_choice": _("Vælg en borger fra listen."),
        },
    )
    referral_source = forms.ChoiceField(
        label=_("Henvist af"), choices=Enrollment.Source.choices, initial=Enrollment.Source.AST
    )
    referring_offer = forms.ModelChoiceField(
        label=_("Henvisende tilbud"),
        queryset=Offer.objects.exclude(status=Offer.Status.CLOSED).order_by("name"),
        required=False,
        empty_label=_("Intet tilbud"),
        help_text=_("Alle tilbud i kommunen kan henvise."),
    )
    referral_date = forms.DateField(
        label=_("Henvisningsdato"),
        widget=DATE,
        error_messages={
            "required": _("Skriv henvisningsdatoen."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
    goal_text = forms.CharField(
        label=_("Borgerens mål med forløbet"),
        help_text=_("Med borgerens egne ord. Kan også skrives senere."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    vum_reference = forms.CharField(
        label=_("VUM-reference"),
        help_text=_("For borgere med §85-støtte: hvilket indsatsmål i VUM målet svarer til."),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("referral_date", timezone.localdate())
        super().__init__(*args, **kwargs)


class EnrollmentEndForm(DkfdsFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hvordan sluttede forløbet"),
        choices=Enrollment.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvordan forløbet sluttede.")},
    )
    end_date = forms.DateField(
        label=_("Slutdato"),
        widget=DATE,
        error_messages={"required": _("Skriv slutdatoen."), "invalid": _("Skriv en gyldig dato.")},
    )
    stop_reason = forms.CharField(
        label=_("Årsag til at borgeren stoppede"),
        help_text=_("Skriv den, så borgeren er enig i den."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    moved_on_to = forms.ModelChoiceField(
        label=_("Gået videre til tilbud"),
        queryset=Offer.objects.exclude(status=Offer.Status.CLOSED).order_by("name"),
        required=False,
        empty_label=_("Intet tilbud valgt"),
    )
    moved_on_to_other = forms.CharField(
        label=_("Eller gået videre til"),
        help_text=_("Fx uddannelse, job eller et tilbud uden for AST."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("end_date", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if (
            outcome == Enrollment.Outcome.STOPPED_EARLY
            and not cleaned.get("stop_reason", "").strip()
        ):
            self.add_error("stop_reason", _("Skriv årsagen til, at borgeren stoppede."))
        if (
            outcome == Enrollment.Outcome.MOVED_ON
            and not cleaned.get("moved_on_to")
            and not cleaned.get("moved_on_to_other", "").strip()
        ):
            self.add_error("moved_on_to", _("Skriv, hvilket tilbud borgeren er gået videre til."))
        return cleaned


class GoalForm(DkfdsFormMixin, ScopedChoicesForm):
    scoped_field = "enrollment"

    text = forms.CharField(
        label=_("Mål"),
        help_text=_("Med borgerens egne ord."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv målet.")},
    )
    vum_reference = forms.CharField(
        label=_("VUM-reference"),
        help_text=_("For borgere med §85-støtte: hvilket indsatsmål i VUM det svarer til."),
        max_length=100,
        required=False,
    )
    enrollment = forms.ModelChoiceField(
        label=_("Forløb"),
        queryset=Enrollment.objects.none(),
        required=False,
        empty_label=_("Intet forløb"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].label_from_instance = lambda enrollment: enrollment.course.title


class GoalRatingForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = GoalRating
        fields = ["score", "rated_on", "note"]
        widgets = {
            "rated_on": DATE,
            "score": forms.NumberInput(attrs={"min": 1, "max": 10, "inputmode": "numeric"}),
        }
        help_texts = {"score": _("1 er længst fra målet, 10 er målet nået.")}
        error_messages = {
            "score": {"required": SCORE_MESSAGE, "invalid": SCORE_MESSAGE},
            "rated_on": {"required": _("Skriv datoen."), "invalid": _("Skriv en gyldig dato.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("rated_on", timezone.localdate())
        super().__init__(*args, **kwargs)


# --- the catalogue's filters -----------------------------------------------------------------------


class CatalogueFilterForm(DkfdsFormMixin, forms.Form):
    pass


class CourseFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=Course.Kind.choices, empty_label=_("Alle typer")
    )
    spor = django_filters.ModelChoiceFilter(
        label=_("Fagligt spor"),
        field_name="track",
        queryset=Track.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Alle spor"),
    )
    bydel = django_filters.ModelChoiceFilter(
        label=AREA_LABEL,
        queryset=District.objects.order_by("name"),
        to_field_name="slug",
        empty_label=ALL_AREAS_LABEL,
        method="filter_district",
    )
    starter_snart = django_filters.BooleanFilter(
        label=_("Starter inden for 30 dage"),
        widget=forms.CheckboxInput,
        method="filter_starts_soon",
    )
    ledige_pladser = django_filters.BooleanFilter(
        label=_("Kun med ledige pladser"), widget=forms.CheckboxInput, method="filter_has_places"
    )

    class Meta:
        model = Course
        form = CatalogueFilterForm
        fields: list[str] = []

    def filter_district(self, queryset, name, value):
        # A subquery, not a join, so a course hosted at two offers is listed once.
        hosted = Course.objects.filter(host_offers__district=value).values("pk")
        return queryset.filter(pk__in=hosted)

    # A ticked box narrows the list; an unticked one leaves it whole.
    def filter_starts_soon(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=STARTS_SOON_DAYS)
        return queryset.filter(start_date__range=(today, soon))

    def filter_has_places(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        open_courses = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        return open_courses.filter(places_taken__lt=F("capacity"))
