"""The order form for a status report to the committee (the municipality's, issue 21)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from astnet.figures import Period
from astnet.forms import DkfdsFormMixin
from astnet.municipality import WHOLE_LABEL
from astnet.reporting.filters import check_period, default_period
from offers.models import District


class ReportOrderForm(DkfdsFormMixin, forms.Form):
    period_from = forms.DateField(
        label=_("Periode fra"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Angiv periodens første dag."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
    period_to = forms.DateField(
        label=_("Periode til"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Angiv periodens sidste dag."),
            "invalid": _("Skriv en gyldig dato."),
        },
    )
    district = forms.ModelChoiceField(
        label=_("Omfang"),
        help_text=_("Tom: alle tallene samlet."),
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label=WHOLE_LABEL,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            period = default_period()
            self.initial.setdefault("period_from", period.start)
            self.initial.setdefault("period_to", period.end)

    def clean(self):
        cleaned = super().clean()
        check_period(self, cleaned)
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["period_from"], self.cleaned_data["period_to"])
