"""Booking a citizen into a partner's hours; the citizen's consent must be ticked."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BookingForm(forms.Form):
    """`hours` and `citizens` are the querysets the staff member may choose from."""

    hours = forms.ModelChoiceField(
        label=_("Tid"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    day = forms.DateField(
        label=_("Dato"), widget=forms.DateInput(attrs={"type": "date", "class": "form-input"})
    )
    citizen = forms.ModelChoiceField(
        label=_("Borger"), queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    consent_given = forms.BooleanField(
        label=_("Borgeren har givet samtykke til, at partneren taler med dem her"),
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        error_messages={"required": _("Borgeren skal give samtykke, før der kan bookes en tid.")},
    )

    def __init__(self, *args, hours, citizens, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].queryset = hours
        self.fields["citizen"].queryset = citizens
        self.fields["citizen"].label_from_instance = lambda citizen: citizen.chosen_name
