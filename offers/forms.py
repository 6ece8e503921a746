"""Forms for staff and leaders: opening hours, exceptions, activities and the offer itself.

The rules (end after start, no overlapping periods) live on the models, so the form shows them
as Danish errors next to the field and the service checks them again before it saves."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from astnet.formats import format_date
from astnet.forms import DkfdsFormMixin
from offers.models import Activity, Offer, OpeningException, OpeningHours

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A closing is recorded from the first plan (2016) on, and planned at most a few years ahead.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_AHEAD = datetime.timedelta(days=5 * 366)


class OpeningHoursForm(DkfdsFormMixin, forms.ModelForm):
    """An opening period. Changing a period with a later "gælder fra" schedules the change from
    that day and keeps the old hours before it (offers/services.py)."""

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "user_run", "valid_from", "valid_until"]
        widgets = {"opens": TIME, "closes": TIME, "valid_from": DATE, "valid_until": DATE}
        help_texts = {
            "valid_from": _(
                "Tom: siden tilbuddet åbnede. Sæt en senere dato, når åbningstiden ændres fra "
                "en bestemt dag; så gælder den gamle åbningstid indtil dagen før."
            ),
            "valid_until": _("Tom: indtil videre. Den sidste dag perioden gælder."),
        }


class OpeningExceptionForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = OpeningException
        fields = ["date", "closed", "opens", "closes", "reason"]
        widgets = {"date": DATE, "opens": TIME, "closes": TIME}
        help_texts = {
            "opens": _("Kun når dagen har særlige åbningstider."),
            "reason": _("Fx helligdag, personaledag eller udflugt. Vises på tilbuddets side."),
        }


class ActivityForm(DkfdsFormMixin, forms.ModelForm):
    price = forms.DecimalField(
        label=_("Pris i kroner"),
        required=False,
        min_value=Decimal(0),
        max_digits=7,
        localize=True,
        decimal_places=2,
        help_text=_("Tomt eller 0 betyder gratis."),
        error_messages={"min_value": _("Prisen kan ikke være negativ.")},
    )
    capacity = forms.IntegerField(
        label=_("Antal pladser"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("Tomt: ingen grænse."),
        error_messages={
            "min_value": _("Antal pladser skal være mindst 1."),
            "max_value": _("Antal pladser kan højst være 10.000."),
        },
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "kind",
            "track",
            "schedule",
            "weekday",
            "starts_on",
            "ends_on",
            "date",
            "start_time",
            "end_time",
            "place",
            "place_note",
            "user_run",
            "with_volunteers",
            "signup_required",
            "capacity",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "date": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "start_time": TIME,
            "end_time": TIME,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("price", Decimal(self.instance.price_ore) / 100)
        self.fields["track"].empty_label = _("Tilbuddets eget spor")

    def clean(self):
        cleaned = super().clean()
        price = cleaned.get("price")
        self.instance.price_ore = int((price or Decimal(0)) * 100)
        return cleaned


class OfferForm(DkfdsFormMixin, forms.ModelForm):
    """What a centre leader keeps true about an offer in their district."""

    class Meta:
        model = Offer
        fields = [
            "description",
            "has_fixed_address",
            "address",
            "places_visited",
            "profile",
            "target_groups",
            "step_free",
            "quiet_room",
            "accessibility_note",
            "contact_phone",
            "contact_email",
            "opens_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "places_visited": forms.Textarea(attrs={"rows": 3}),
            "accessibility_note": forms.Textarea(attrs={"rows": 2}),
            "target_groups": forms.CheckboxSelectMultiple,
            "opens_on": DATE,
        }
        help_texts = {
            "opens_on": _(
                "Den første dag tilbuddet har åbent. Indtil da står det som planlagt. "
                "Et tilbud lukkes med knappen „Luk tilbuddet“."
            )
        }

    moved_on = forms.DateField(
        label=_("Flyttedato"),
        required=False,
        widget=DATE,
        help_text=_(
            "Kun når adressen ændres: den dag tilbuddet flytter. Så viser omstillingen en "
            "flytning og ikke en lukning."
        ),
    )

    field_order = [*Meta.fields[:3], "moved_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.old_address = self.instance.current_address

    @property
    def address_changed(self) -> bool:
        cleaned = self.cleaned_data
        new_address = cleaned.get("address", "") if cleaned.get("has_fixed_address") else ""
        return new_address.strip() != self.old_address

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_fixed_address") and not cleaned.get("address"):
            self.add_error(
                "address", _("Skriv adressen, eller fjern krydset ved \u201efast adresse\u201c.")
            )
        opens_on, closes_on = cleaned.get("opens_on"), self.instance.closes_on
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "opens_on", _("Åbningsdatoen skal være samme dag som eller før lukkedatoen.")
            )
        self._clean_moved_on(cleaned, opens_on, closes_on)
        return cleaned

    def _clean_moved_on(self, cleaned, opens_on, closes_on) -> None:
        moved_on = cleaned.get("moved_on")
        if "moved_on" in self.errors or "address" in self.errors:
            return
        if not self.address_changed:
            if moved_on:
                self.add_error(
                    "moved_on",
                    _("Udfyld kun flyttedatoen, når adressen ændres. Adressen er den samme."),
                )
        elif moved_on is None:
            self.add_error("moved_on", _("Adressen er ændret: angiv den dag tilbuddet flytter."))
        elif opens_on and moved_on < opens_on:
            self.add_error("moved_on", _("Tilbuddet kan ikke flytte, før det åbner."))
        elif closes_on and moved_on > closes_on:
            self.add_error("moved_on", _("Tilbuddet kan ikke flytte, efter det er lukket."))


class OfferCloseForm(DkfdsFormMixin, forms.Form):
    """Closing an offer: the day, what replaces it, then a confirmation (issue 18)."""

    closes_on = forms.DateField(
        label=_("Lukkedato"),
        widget=DATE,
        help_text=_("Den første dag tilbuddet har lukket. Indtil da står det som „lukker“."),
        error_messages={"required": _("Angiv den dag tilbuddet lukker.")},
    )
    replaced_by = forms.ModelChoiceField(
        label=_("Erstattes af"),
        queryset=Offer.objects.none(),
        required=False,
        empty_label=_("Intet andet tilbud"),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, offer: Offer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = (
            Offer.objects.exclude(pk=offer.pk).exclude(status=Offer.Status.CLOSED).order_by("name")
        )
        if offer.closes_on:
            self.initial.setdefault("closes_on", offer.closes_on)
        if offer.replaced_by_id:
            self.initial.setdefault("replaced_by", offer.replaced_by_id)

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if not EARLIEST_DATE <= day <= today + LATEST_AHEAD:
            raise forms.ValidationError(
                _("Vælg en dato mellem %(first)s og %(last)s.")
                % {
                    "first": format_date(EARLIEST_DATE),
                    "last": format_date(today + LATEST_AHEAD),
                }
            )
        return day
