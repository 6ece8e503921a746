"""Forms of follow-up: a call made to a citizen on the list, and an offer's threshold."""

from django import forms
from django.utils.translation import gettext_lazy as _

from astnet.forms import DkfdsFormMixin
from citizens.follow_up.models import Outreach
from citizens.forms import DateInput, not_in_future


class OutreachForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Outreach
        fields = ["on", "outcome", "note"]
        widgets = {"on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"on": {"invalid": _("Skriv en gyldig dato.")}}

    def clean_on(self):
        return not_in_future(self.cleaned_data.get("on"))


class FollowUpSettingForm(DkfdsFormMixin, forms.Form):
    threshold_days = forms.IntegerField(
        label=_("Dage uden fremmøde før opfølgning"),
        min_value=1,
        max_value=365,
        error_messages={
            "min_value": _("Skriv et antal dage mellem 1 og 365."),
            "max_value": _("Skriv et antal dage mellem 1 og 365."),
            "invalid": _("Skriv et helt antal dage."),
        },
    )
