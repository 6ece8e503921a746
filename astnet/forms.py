"""Form helpers shared by every app: DKFDS classes and error links on every field."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

# Django's and django-filter's empty choice, which tells a newcomer nothing (issue 20).
DJANGO_EMPTY_LABEL = "---------"
EMPTY_LABEL = _("Vælg …")
FILE_NOT_KEPT = _(
    "Filen «%(name)s» er ikke gemt, fordi formularen havde fejl. Vælg filen igen, før du sender."
)


def _widget_class(widget: forms.Widget) -> str:
    # The choice widgets subclass Select (and CheckboxSelectMultiple subclasses RadioSelect), so
    # they are asked about first, in this order.
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "form-checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "form-radio"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-input"


def _danish_empty_choice(field: forms.Field) -> None:
    """Replaces Django's "---------" with "Vælg …" in a select's empty choice."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = EMPTY_LABEL
        return
    if isinstance(field, forms.ChoiceField) and not callable(field.choices):
        choices = list(field.choices)
        if any(label == DJANGO_EMPTY_LABEL for _value, label in choices):
            field.choices = [
                (value, EMPTY_LABEL if label == DJANGO_EMPTY_LABEL else label)
                for value, label in choices
            ]


class DkfdsFormMixin:
    """Gives every widget DKFDS's classes and points it at its hint and error texts.

    Three habits every form shares (issue 20): the empty choice of a select reads "Vælg …"; a
    required select with exactly one possible choice comes with that choice selected; and when a
    form with an uploaded file fails validation, the file's field says that the file was not kept
    (a browser cannot put a file back into a file input).

    Error attributes are set after validation, never in __init__: reading `errors` there would
    validate the form before a subclass has narrowed its choices.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", _widget_class(widget))
            _danish_empty_choice(field)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def get_initial_for_field(self, field: forms.Field, field_name: str):
        """The initial value; for a required single select with one real choice, that choice."""
        value = super().get_initial_for_field(field, field_name)
        if value not in (None, "") or not field.required:
            return value
        if isinstance(field.widget, forms.RadioSelect) or not isinstance(
            field.widget, forms.Select
        ):
            return value
        if isinstance(field, forms.ModelChoiceField):
            only = list(field.queryset[:2])
            return only[0].pk if len(only) == 1 else value
        if isinstance(field, forms.ChoiceField):
            real = [choice for choice, _label in field.choices if choice not in (None, "")]
            return real[0] if len(real) == 1 else value
        return value

    def full_clean(self) -> None:
        super().full_clean()
        if self.errors and self.files:
            self._say_files_were_not_kept()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            described = [attrs["aria-describedby"]] if attrs.get("aria-describedby") else []
            attrs["aria-describedby"] = " ".join([*described, f"id_{name}-error"])
            attrs["aria-invalid"] = "true"

    def _say_files_were_not_kept(self) -> None:
        for name, field in self.fields.items():
            if not isinstance(field, forms.FileField):
                continue
            uploads = (
                self.files.getlist(self.add_prefix(name)) if hasattr(self.files, "getlist") else []
            )
            for upload in uploads:
                if upload:
                    self._errors.setdefault(name, self.error_class(renderer=self.renderer))
                    self._errors[name].append(FILE_NOT_KEPT % {"name": upload.name})


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
