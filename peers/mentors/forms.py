"""Forms for the peer-mentor pages. Rules live in `peers.mentors`; forms only ask and show errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from astnet.municipality import AREA_LABEL
from offers.models import District, Offer
from peers.mentors import access as mentor_access
from peers.mentors import services
from peers.mentors.models import (
    ExperienceTheme,
    Language,
    PeerMeeting,
    PeerMentor,
    Placement,
    Supervision,
    TrainingCohort,
    TrainingModule,
    YearlyTarget,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ChoicesFirst:
    """DkfdsFormMixin reads a bound form's errors in its __init__, so the choices must be narrowed
    before that: put this after DkfdsFormMixin in the bases and override `narrow_choices`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.narrow_choices()

    def narrow_choices(self) -> None:
        """Set the querysets of choice fields here."""


class CohortForm(DkfdsFormMixin, ChoicesFirst, forms.ModelForm):
    class Meta:
        model = TrainingCohort
        fields = ["programme", "name", "start", "end", "seats", "trainers"]
        widgets = {"start": DateInput, "end": DateInput}
        error_messages = {
            "name": {"required": _("Skriv holdets navn.")},
            "start": {"required": _("Skriv startdatoen."), "invalid": _("Skriv en gyldig dato.")},
            "end": {"required": _("Skriv slutdatoen."), "invalid": _("Skriv en gyldig dato.")},
            "seats": {"required": _("Skriv antal pladser.")},
            "programme": {"required": _("Vælg et uddannelsesprogram.")},
        }

    def narrow_choices(self) -> None:
        self.fields["trainers"].queryset = mentor_access.possible_trainers()
        self.fields["trainers"].required = False
        self.fields["trainers"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class MentorCreateForm(DkfdsFormMixin, forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)
    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        help_text=_("Det navn, peer-vejlederen logger ind med."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Peer-vejlederen vælger selv sin adgangskode via et link på e-mail."),
    )
    district = forms.ModelChoiceField(
        label=AREA_LABEL, queryset=District.objects.order_by("name"), empty_label=None
    )
    engagement = forms.ChoiceField(label=_("Ansættelsesform"), choices=PeerMentor.Engagement)
    languages = forms.ModelMultipleChoiceField(
        label=_("Sprog"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Erfaringstemaer"),
        queryset=ExperienceTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MentorEditForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = PeerMentor
        fields = ["district", "status", "engagement", "languages", "themes"]
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }


class ParticipantForm(DkfdsFormMixin, ChoicesFirst, forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("Peer-vejleder"),
        queryset=PeerMentor.objects.none(),
        error_messages={"required": _("Vælg en peer-vejleder.")},
    )

    def __init__(self, *args, cohort: TrainingCohort, **kwargs) -> None:
        self.cohort = cohort
        super().__init__(*args, **kwargs)

    def narrow_choices(self) -> None:
        self.fields["mentor"].queryset = (
            PeerMentor.objects.exclude(participations__cohort=self.cohort)
            .exclude(status=PeerMentor.Status.STOPPED)
            .select_related("user")
        )


class SessionForm(DkfdsFormMixin, ChoicesFirst, forms.Form):
    module = forms.ModelChoiceField(
        label=_("Modul"),
        queryset=TrainingModule.objects.none(),
        error_messages={"required": _("Vælg et modul.")},
    )
    date = forms.DateField(
        label=_("Dato"),
        widget=DateInput,
        error_messages={"required": _("Skriv datoen."), "invalid": _("Skriv en gyldig dato.")},
    )

    def __init__(self, *args, cohort: TrainingCohort, **kwargs) -> None:
        self.cohort = cohort
        super().__init__(*args, **kwargs)

    def narrow_choices(self) -> None:
        self.fields["module"].queryset = self.cohort.programme.modules.order_by("order")


class PlacementForm(DkfdsFormMixin, ChoicesFirst, forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["mentor", "offer", "start", "end", "hours_per_week", "is_training_placement"]
        widgets = {"start": DateInput, "end": DateInput}
        error_messages = {
            "mentor": {"required": _("Vælg en peer-vejleder.")},
            "offer": {"required": _("Vælg et tilbud.")},
            "start": {"required": _("Skriv startdatoen."), "invalid": _("Skriv en gyldig dato.")},
            "end": {"invalid": _("Skriv en gyldig dato.")},
            "hours_per_week": {
                "required": _("Skriv antal timer om ugen."),
                "invalid": _("Skriv et tal, f.eks. 4 eller 2,5."),
            },
        }

    def narrow_choices(self) -> None:
        self.fields["mentor"].queryset = PeerMentor.objects.exclude(
            status=PeerMentor.Status.STOPPED
        ).select_related("user")
        self.fields["offer"].queryset = Offer.objects.exclude(status=Offer.Status.CLOSED).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        mentor = cleaned.get("mentor")
        if mentor is not None:
            refusal = services.placement_refusal(
                mentor=mentor, is_training_placement=cleaned.get("is_training_placement", False)
            )
            if refusal:
                self.add_error("is_training_placement", refusal)
        return cleaned


class PlacementEndForm(DkfdsFormMixin, forms.Form):
    end = forms.DateField(
        label=_("Sidste dag"),
        widget=DateInput,
        error_messages={
            "required": _("Skriv den sidste dag."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )


class PeerMeetingForm(DkfdsFormMixin, ChoicesFirst, forms.ModelForm):
    class Meta:
        model = PeerMeeting
        fields = ["offer", "date", "participants", "theme"]
        widgets = {"date": DateInput}
        error_messages = {
            "offer": {"required": _("Vælg tilbuddet.")},
            "date": {"required": _("Skriv datoen."), "invalid": _("Skriv en gyldig dato.")},
            "participants": {
                "required": _("Skriv antal deltagere (0 hvis ingen kom)."),
                "invalid": _("Skriv et helt tal."),
                "min_value": _("Antallet kan ikke være negativt."),
            },
            "theme": {"required": _("Skriv mødets tema.")},
        }
        help_texts = {"participants": _("Kun antallet, ingen navne.")}

    def __init__(self, *args, mentor: PeerMentor, **kwargs) -> None:
        self.mentor = mentor
        super().__init__(*args, **kwargs)

    def narrow_choices(self) -> None:
        self.fields["offer"].queryset = Offer.objects.filter(
            pk__in=self.mentor.placements.values("offer")
        ).order_by("name")


class SupervisionForm(DkfdsFormMixin, ChoicesFirst, forms.ModelForm):
    class Meta:
        model = Supervision
        fields = ["date", "mentors_present", "notes"]
        widgets = {"date": DateInput, "mentors_present": forms.CheckboxSelectMultiple}
        error_messages = {
            "date": {"required": _("Skriv datoen."), "invalid": _("Skriv en gyldig dato.")},
            "mentors_present": {"required": _("Vælg mindst én peer-vejleder.")},
        }
        help_texts = {
            "notes": _("Kun du og de peer-vejledere, der var til stede, kan læse noterne."),
        }

    def narrow_choices(self) -> None:
        self.fields["mentors_present"].queryset = PeerMentor.objects.exclude(
            status=PeerMentor.Status.STOPPED
        ).select_related("user")


class YearlyTargetForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = YearlyTarget
        fields = ["year", "target_trained"]
        error_messages = {
            "year": {"required": _("Skriv året."), "invalid": _("Skriv et årstal.")},
            "target_trained": {
                "required": _("Skriv målet."),
                "invalid": _("Skriv et helt tal."),
            },
        }

    def validate_unique(self) -> None:
        """Setting the target for a year that has one changes it (the service updates)."""
