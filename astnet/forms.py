"""Form helpers shared by every app: DKFDS classes and error links on every field."""

import functools

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
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


def danish_empty_choice(field: forms.Field) -> None:
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


def _is_single_select(widget: forms.Widget) -> bool:
    return isinstance(widget, forms.Select) and not isinstance(
        widget, forms.SelectMultiple | forms.RadioSelect
    )


class _OnlyChoiceSelected:
    """Mixed into a select: with one real choice and nothing selected, that one is selected.

    Done on the options as they are drawn, so the choices are read once (no extra query)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [
            option for _group, group, _index in context["widget"]["optgroups"] for option in group
        ]
        real = [option for option in options if option["value"] not in (None, "")]
        if len(real) == 1 and not real[0]["selected"]:
            for option in options:
                option["selected"] = option is real[0]
                option["attrs"].pop("selected", None)
            real[0]["attrs"]["selected"] = True
        return context


@functools.cache
def _selecting_the_only_choice(widget_class: type) -> type:
    """The widget class with _OnlyChoiceSelected mixed in (one class per widget class)."""
    return type(f"OnlyChoice{widget_class.__name__}", (_OnlyChoiceSelected, widget_class), {})


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
            danish_empty_choice(field)
            if (
                field.required
                and _is_single_select(widget)
                and not isinstance(widget, _OnlyChoiceSelected)
            ):
                widget.__class__ = _selecting_the_only_choice(type(widget))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

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
            key = self.add_prefix(name)
            uploads = (
                self.files.getlist(key) if hasattr(self.files, "getlist") else [self.files.get(key)]
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
