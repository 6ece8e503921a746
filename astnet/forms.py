"""Form helpers shared by every app: DKFDS classes and error links on every field."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DkfdsFormMixin:
    """Gives every widget DKFDS's classes and points it at its hint and error texts.

    Error attributes are set after validation, never in __init__: reading `errors` there would
    validate the form before a subclass has narrowed its choices.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-checkbox"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-input"
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            described = [attrs["aria-describedby"]] if attrs.get("aria-describedby") else []
            attrs["aria-describedby"] = " ".join([*described, f"id_{name}-error"])
            attrs["aria-invalid"] = "true"


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    """The login form; one message for every failure, so it never tells which usernames exist."""

    error_messages = {
        "invalid_login": _(
            "Brugernavn eller adgangskode er forkert. Prøv igen, eller kontakt din leder."
        ),
        "inactive": _(
            "Brugernavn eller adgangskode er forkert. Prøv igen, eller kontakt din leder."
        ),
    }


class SecondFactorForm(DkfdsFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Kode fra din app"),
        help_text=_("Seks cifre fra din godkendelsesapp."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={
            "required": _("Skriv koden fra din app."),
            "min_length": _("Koden har seks cifre."),
            "max_length": _("Koden har seks cifre."),
        },
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Koden består kun af cifre."))
        return token


def add_service_error(
    form: forms.BaseForm, error: ValidationError, fields: dict[str, str] | None = None
) -> None:
    """Put a service's `ValidationError` on `form`, beside the field it concerns.

    `fields` maps a service's field name to the form's where they differ. Errors for names the form
    does not have, and errors without a field, become the form's own (non-field) errors.
    """
    fields = fields or {}
    errors = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
    for field, texts in errors.items():
        name = fields.get(field, field)
        form.add_error(name if name in form.fields else None, texts)
