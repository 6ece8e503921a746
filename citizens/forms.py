"""Forms for citizens, check-in, talks, consent and follow-up; every message in Danish."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from citizens import cpr
from citizens.access import colleagues
from citizens.models import Challenge, Citizen, Consent, ExpectationTalk, validate_chosen_name
from citizens.selectors import attendance_offers

FUTURE_DATE = _("Datoen ligger i fremtiden. Vælg i dag eller en tidligere dato.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def not_in_future(day):
    """`day` unchanged (a date or None); a date after today (local time) is refused on the form."""
    if day and day > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE)
    return day


class ContactPersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class QuickCitizenForm(DkfdsFormMixin, forms.Form):
    chosen_name = forms.CharField(
        label=_("Navn"),
        max_length=100,
        help_text=_("Det navn borgeren selv vil kaldes."),
        error_messages={"required": _("Skriv det navn, borgeren vil kaldes.")},
        validators=[validate_chosen_name],
    )
    # Set by the confirmation step only: staff have seen the citizens with this name here.
    confirmed_new = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NeverEchoedInput(forms.TextInput):
    """A text input that never writes its value back into the page (issue 16): after a validation
    error a CPR number would otherwise travel back in the HTML, into caches and history."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, None, attrs)


class CitizenForm(DkfdsFormMixin, forms.ModelForm):
    challenges = forms.MultipleChoiceField(
        label=_("Udfordringer borgeren selv nævner"),
        choices=Challenge.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cpr_number = forms.CharField(
        label=_("CPR-nummer"),
        required=False,
        help_text=_("Kun hvis et visiteret forløb kræver det. Vises kun maskeret bagefter."),
        widget=NeverEchoedInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    contact_person = ContactPersonField(
        label=_("Fast kontaktperson"), queryset=get_user_model().objects.none(), required=False
    )

    class Meta:
        model = Citizen
        fields = [
            "chosen_name",
            "birth_year",
            "district",
            "home_offers",
            "contact_person",
            "wants_contact",
            "phone",
            "email",
            "challenges",
        ]
        widgets = {"home_offers": forms.CheckboxSelectMultiple}
        error_messages = {"chosen_name": {"required": _("Skriv det navn, borgeren vil kaldes.")}}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_offers"].queryset = attendance_offers(user)
        self.fields["home_offers"].required = True
        self.fields["home_offers"].error_messages["required"] = _(
            "Vælg mindst ét tilbud, borgeren kommer i."
        )
        self.fields["contact_person"].queryset = colleagues(user)
        self.fields["district"].empty_label = _("Ved ikke / vil ikke oplyse")
        if self.instance.has_cpr:
            self.fields["cpr_number"].help_text = _(
                "Der er registreret et CPR-nummer. Udfyld kun feltet for at rette det."
            )

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not 1900 <= year <= this_year:
            raise forms.ValidationError(
                _("Fødselsåret skal ligge mellem 1900 og %(year)s.") % {"year": this_year}
            )
        return year

    def clean_cpr_number(self):
        value = self.cleaned_data.get("cpr_number", "").strip()
        return cpr.normalise(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("wants_contact") and (cleaned.get("phone") or cleaned.get("email")):
            self.add_error(
                "wants_contact",
                _("Telefon og e-mail gemmes kun, når borgeren ønsker at blive kontaktet."),
            )
        return cleaned


class VisitForm(DkfdsFormMixin, forms.Form):
    offer = forms.ModelChoiceField(label=_("Tilbud"), queryset=None, empty_label=None)
    day = forms.DateField(
        label=_("Dato"),
        widget=DateInput,
        error_messages={"invalid": _("Skriv en gyldig dato.")},
    )

    def __init__(self, *args, offers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers

    def clean_day(self):
        return not_in_future(self.cleaned_data.get("day"))


class ExpectationTalkForm(DkfdsFormMixin, forms.ModelForm):
    field_order = [
        "offer",
        "held_on",
        "wishes_and_goals",
        "what_helps",
        "activities_to_try",
        "follow_up_consent_asked",
        "follow_up_consent_given",
        "contact_method",
        "contact_phone",
        "contact_email",
        "contact_person_agreed",
        "contact_person",
    ]
    contact_person = ContactPersonField(
        label=_("Kontaktperson"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Udfyld, hvis I har aftalt en fast kontaktperson."),
    )

    class Meta:
        model = ExpectationTalk
        fields = [
            "offer",
            "held_on",
            "wishes_and_goals",
            "what_helps",
            "activities_to_try",
            "follow_up_consent_asked",
            "follow_up_consent_given",
            "contact_person_agreed",
            "contact_method",
        ]
        widgets = {
            "contact_method": forms.RadioSelect,
            "held_on": DateInput,
            "wishes_and_goals": forms.Textarea(attrs={"rows": 4}),
            "what_helps": forms.Textarea(attrs={"rows": 3}),
            "activities_to_try": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "wishes_and_goals": {"required": _("Skriv borgerens ønsker og mål med egne ord.")},
            "held_on": {
                "required": _("Skriv datoen for samtalen."),
                "invalid": _("Skriv en gyldig dato."),
            },
        }

    def __init__(self, *args, offers, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].empty_label = None
        self.fields["contact_person"].queryset = colleagues(user)
        self.fields["follow_up_consent_asked"].required = False
        self.fields["follow_up_consent_given"].required = False
        self.fields["contact_method"].choices = ExpectationTalk.ContactMethod.choices

    contact_phone = forms.CharField(
        label=_("Telefon"),
        max_length=30,
        required=False,
        help_text=_("Når borgeren vil ringes op eller have en sms."),
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Når borgeren vil have en e-mail."),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")},
    )

    def clean_held_on(self):
        return not_in_future(self.cleaned_data.get("held_on"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("follow_up_consent_given") and not cleaned.get("follow_up_consent_asked"):
            self.add_error(
                "follow_up_consent_asked",
                _("Sæt også kryds her: borgeren kan kun give samtykke, når vedkommende er spurgt."),
            )
        if cleaned.get("contact_person_agreed") and not cleaned.get("contact_person"):
            self.add_error("contact_person", _("Vælg den kontaktperson, I har aftalt."))
        self._clean_contact(cleaned)
        return cleaned

    def _clean_contact(self, cleaned: dict) -> None:
        """With consent to follow-up, how to reach the citizen, and the number or address it needs."""
        method = cleaned.get("contact_method")
        if not cleaned.get("follow_up_consent_given"):
            if method:
                self.add_error(
                    "contact_method",
                    _("Vælg kun en kontaktform, når borgeren har sagt ja til opfølgning."),
                )
            return
        if not method:
            self.add_error("contact_method", _("Spørg borgeren, hvordan vi må tage kontakt."))
        elif method in ExpectationTalk.NEEDS_PHONE and not cleaned.get("contact_phone"):
            self.add_error(
                "contact_phone", _("Skriv det telefonnummer, borgeren vil kontaktes på.")
            )
        elif method in ExpectationTalk.NEEDS_EMAIL and not cleaned.get("contact_email"):
            self.add_error(
                "contact_email", _("Skriv den e-mailadresse, borgeren vil kontaktes på.")
            )


class ConsentForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Samtykke til"), choices=Consent.Kind.choices)
    partner_name = forms.CharField(
        label=_("Samarbejdspartner"),
        max_length=200,
        required=False,
        help_text=_("Kun ved deling med en samarbejdspartner: hvem må vi dele med?"),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == Consent.Kind.PARTNER
            and not cleaned.get("partner_name", "").strip()
        ):
            self.add_error("partner_name", _("Skriv navnet på samarbejdspartneren."))
        return cleaned
