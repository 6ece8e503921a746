"""Forms for the citizens' rights pages; every message in Danish."""

from django import forms
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from citizens.models import Consent
from citizens.rights.models import AnonymisationReason


class CitizenSearchForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Søg efter navn"),
        help_text=_("Det navn borgeren selv bruger, eller en del af det."),
        max_length=100,
        required=False,
    )


class LegalHoldForm(DkfdsFormMixin, forms.Form):
    legal_hold = forms.BooleanField(label=_("Borgeren har et retligt forbehold"), required=False)
    reason = forms.CharField(
        label=_("Begrundelse"),
        help_text=_("Fx en verserende klagesag. Skriv ikke helbredsoplysninger her."),
        max_length=200,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_hold") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Skriv begrundelsen for det retlige forbehold."))
        return cleaned


class AnonymiseForm(DkfdsFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Hvorfor anonymiseres borgeren?"),
        choices=[("", _("Vælg en grund")), *AnonymisationReason.choices],
        error_messages={
            "required": _("Vælg, hvorfor borgeren anonymiseres."),
            "invalid_choice": _("Vælg en af grundene på listen."),
        },
    )


class ConsentFilterForm(DkfdsFormMixin, forms.Form):
    STATUS_CHOICES = [
        ("", _("Alle")),
        ("active", _("Gælder")),
        ("withdrawn", _("Trukket tilbage")),
    ]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    kind = forms.ChoiceField(
        label=_("Samtykke til"),
        choices=[("", _("Alle slags")), *Consent.Kind.choices],
        required=False,
    )
