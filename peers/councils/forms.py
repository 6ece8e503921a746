"""Forms for the users' councils: applying, starting a vote, recording a meeting, and the leader's
forms for seats, budget and rules."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet import access
from astnet.formats import format_date
from astnet.forms import DkfdsFormMixin
from citizens.models import Citizen
from peers.councils import access as council_access
from peers.councils import services
from peers.councils.models import Council, CouncilMember, Decision
from peers.councils.money import kroner, parse_kroner
from peers.councils.uploads import sniff_content_type


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files, each sniffed by its first bytes (PDF, JPG, PNG) and at most 5 MB."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = []
        errors = []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                cleaned.append(services.UploadedAttachment(upload, sniff_content_type(upload)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class KronerField(forms.CharField):
    """An amount typed in kroner ("1.250,50"), cleaned to øre."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        """Øre from the database are shown as kroner ("20.000,00"); typed text stays as typed."""
        if isinstance(value, int):
            return kroner(value).removesuffix(" kr.")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        ore = parse_kroner(value)
        if ore is None:
            raise ValidationError(_("Skriv beløbet i kroner, fx 1250 eller 1.250,50."))
        return ore


class ApplicationForm(DkfdsFormMixin, forms.Form):
    citizen = forms.ModelChoiceField(
        label=_("Borger der søger"),
        queryset=Citizen.objects.none(),
        help_text=_("Kun borgere må søge. Du står som den, der har hjulpet."),
    )
    title = forms.CharField(label=_("Hvad vil I lave?"), max_length=200)
    description = forms.CharField(
        label=_("Beskriv aktiviteten"), widget=forms.Textarea(attrs={"rows": 4})
    )
    amount = KronerField(label=_("Beløb i kroner"), help_text=_("Fx 1250 eller 1.250,50."))
    starts_on = forms.DateField(label=_("Dato"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Slutdato"),
        required=False,
        widget=DateInput(),
        help_text=_("Kun hvis aktiviteten varer mere end én dag."),
    )
    beneficiaries = forms.CharField(
        label=_("Hvem får glæde af det?"), widget=forms.Textarea(attrs={"rows": 2})
    )
    criteria_met = forms.CharField(
        label=_("Hvilke af rådets kriterier opfylder den?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    publish_first_name = forms.BooleanField(
        label=_("Ansøgerens fornavn må vises på tilbuddets offentlige side"),
        required=False,
    )
    attachments = AttachmentsField(
        label=_("Bilag"), help_text=_("PDF, JPG eller PNG, højst 5 MB pr. fil. Fx et tilbud.")
    )

    def __init__(self, *args, council: Council, user, **kwargs) -> None:
        # Set before the mixin's __init__, which may already validate a bound form.
        self.council = council
        self.user = user
        self.for_citizen = not council_access.is_council_member(user, council)
        self.remaining_ore = services.remaining_ore(council=council)
        super().__init__(*args, **kwargs)
        self._fit_fields()

    def _fit_fields(self) -> None:
        """Fields that depend on who applies; also run before validation (the mixin validates a
        bound form inside __init__)."""
        if self.for_citizen:
            self.fields["citizen"].queryset = access.scope(self.user, Citizen, "change")
        else:
            self.fields.pop("citizen", None)
        self.fields["amount"].help_text = _("Fx 1250 eller 1.250,50. Der er %(left)s tilbage.") % {
            "left": kroner(self.remaining_ore)
        }

    def full_clean(self) -> None:
        self._fit_fields()
        super().full_clean()

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount is None or amount <= 0:
            raise ValidationError(_("Beløbet skal være større end 0 kr."))
        if amount > self.remaining_ore:
            raise ValidationError(
                _("Beløbet er større end det, der er tilbage i budgettet (%(left)s).")
                % {"left": kroner(self.remaining_ore)}
            )
        return amount

    def clean_starts_on(self) -> datetime.date:
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < timezone.localdate():
            raise ValidationError(_("Datoen må ikke ligge før i dag."))
        return starts_on

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Slutdatoen må ikke ligge før startdatoen."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        citizen = data.get("citizen")
        if citizen is not None:
            first_name = citizen.chosen_name.split()[0]
        else:
            first_name = self.user.first_name or self.user.get_username()
        return {
            "council": self.council,
            "by": self.user,
            "applicant_citizen": citizen,
            "applicant_user": None if citizen is not None else self.user,
            "applicant_first_name": first_name,
            "title": data["title"],
            "description": data["description"],
            "amount_ore": data["amount"],
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
            "beneficiaries": data["beneficiaries"],
            "criteria_met": data.get("criteria_met", ""),
            "publish_first_name": data.get("publish_first_name", False),
            "attachments": data.get("attachments", []),
        }


class VoteOpenForm(DkfdsFormMixin, forms.Form):
    deadline = forms.DateField(
        label=_("Sidste dag at stemme"),
        required=False,
        widget=DateInput(),
        help_text=_("Tom: rådets normale frist."),
    )
    amount = KronerField(
        label=_("Beløb der stemmes om"),
        required=False,
        help_text=_("Tom: det ansøgte beløb. Et mindre beløb giver en delvis bevilling."),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline is not None and deadline < timezone.localdate():
            raise ValidationError(_("Fristen må ikke ligge før i dag."))
        return deadline

    def deadline_at(self) -> datetime.datetime | None:
        deadline = self.cleaned_data.get("deadline")
        if deadline is None:
            return None
        end_of_day = datetime.datetime.combine(deadline, datetime.time(23, 59))
        return timezone.make_aware(end_of_day)


class MeetingForm(DkfdsFormMixin, forms.Form):
    date = forms.DateField(label=_("Dato for mødet"), widget=DateInput())
    agenda = forms.CharField(
        label=_("Dagsorden"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attendance = forms.ModelMultipleChoiceField(
        label=_("Hvem var med?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(
        label=_("Referat"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, council: Council, **kwargs) -> None:
        self.council = council
        super().__init__(*args, **kwargs)
        self._fit_fields()

    def _fit_fields(self) -> None:
        # Also before validation: the mixin validates a bound form inside __init__.
        self.fields["attendance"].queryset = self.council.members.select_related("user")

    def full_clean(self) -> None:
        self._fit_fields()
        super().full_clean()


class CriteriaForm(DkfdsFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Rådets kriterier for at give penge"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skriv en linje pr. kriterium. Den gamle version gemmes."),
    )


class SeatAddForm(DkfdsFormMixin, forms.Form):
    user = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        help_text=_("Brugernavnet, personen logger ind med."),
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=CouncilMember.Role.choices,
        error_messages={"invalid_choice": _("Vælg formand, medlem eller suppleant.")},
    )
    term_from = forms.DateField(label=_("Valgt fra"), widget=DateInput())
    term_to = forms.DateField(
        label=_("Valgt til"),
        required=False,
        widget=DateInput(),
        help_text=_("Tom: perioden løber, til den bliver afsluttet."),
    )

    def __init__(self, *args, council, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.council = council

    def clean_user(self):
        username = self.cleaned_data["user"].strip()
        user = (
            council_access.seat_candidates(self.council).filter(username__iexact=username).first()
        )
        if user is None:
            # One message whether the name exists elsewhere or nowhere (issue 16).
            raise ValidationError(_("Ingen bruger med det brugernavn kan få en plads i dette råd."))
        return user

    def clean(self):
        cleaned = super().clean()
        term_from, term_to = cleaned.get("term_from"), cleaned.get("term_to")
        if term_from and term_to and term_to < term_from:
            self.add_error("term_to", _("Periodens slutdato skal ligge efter startdatoen."))
        return cleaned


class SeatEndForm(DkfdsFormMixin, forms.Form):
    term_to = forms.DateField(
        label=_("Sidste dag i rådet"),
        widget=DateInput(),
        help_text=_("Personen mister adgangen til rådet, når dagen er gået."),
    )


class BudgetForm(DkfdsFormMixin, forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    amount = KronerField(label=_("Budget i kroner"), help_text=_("Fx 25000 eller 25.000,00."))

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount is None or amount < 0:
            raise ValidationError(_("Budgettet kan ikke være negativt."))
        return amount


class CouncilRulesForm(DkfdsFormMixin, forms.Form):
    quorum_rule = forms.ChoiceField(
        label=_("Hvornår er rådet beslutningsdygtigt?"),
        choices=Council.Quorum.choices,
        error_messages={"invalid_choice": _("Vælg en af reglerne.")},
    )
    tie_rule = forms.ChoiceField(
        label=_("Ved stemmelighed"),
        choices=Council.TieRule.choices,
        error_messages={"invalid_choice": _("Vælg en af reglerne.")},
    )
    open_votes = forms.BooleanField(
        label=_("Åbne afstemninger"),
        required=False,
        help_text=_(
            "Når en afstemning er slut, viser ansøgningen og referatet, hvem der stemte hvad."
        ),
    )
    vote_days = forms.IntegerField(
        label=_("Dage til at stemme"),
        min_value=1,
        max_value=60,
        help_text=_("Hvor mange dage medlemmerne har til at stemme, fra 1 til 60."),
        error_messages={
            "min_value": _("Skriv et antal dage mellem 1 og 60."),
            "max_value": _("Skriv et antal dage mellem 1 og 60."),
            "invalid": _("Skriv et antal dage mellem 1 og 60."),
            "required": _("Skriv et antal dage mellem 1 og 60."),
        },
    )


class DecisionLinkForm(DkfdsFormMixin, forms.Form):
    decisions = forms.ModelMultipleChoiceField(
        label=_("Beslutninger truffet ved afstemning"),
        queryset=Decision.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg de beslutninger, der skal stå i referatet af dette møde."),
        error_messages={
            "required": _("Vælg mindst én beslutning."),
            "invalid_choice": _("Vælg kun blandt rådets beslutninger, der ikke står i et referat."),
        },
    )

    def __init__(self, *args, decisions, **kwargs) -> None:
        self.decision_choices = decisions
        super().__init__(*args, **kwargs)
        self._fit_fields()

    def _fit_fields(self) -> None:
        # Also before validation: the mixin validates a bound form inside __init__.
        self.fields["decisions"].queryset = self.decision_choices
        self.fields["decisions"].label_from_instance = lambda decision: (
            f"{decision.application.title} · {decision.get_outcome_display()} · "
            f"{format_date(decision.decided_at)}"
        )

    def full_clean(self) -> None:
        self._fit_fields()
        super().full_clean()
