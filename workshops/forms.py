"""Forms for setting up and running workshops, voting and scenarios. Errors in Danish."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from astnet import access
from astnet.formats import format_date
from astnet.forms import DkfdsFormMixin
from offers.models import District
from workshops.models import (
    VOTING_CODE_LENGTH,
    Input,
    Milestone,
    Process,
    Scenario,
    ScenarioPoint,
    Table,
    Theme,
    ThemeQuestion,
    VotingRound,
    Workshop,
)

_PROGRAMME_LINE = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})\s+(.+)$", re.IGNORECASE)


class ChoicesFirstMixin:
    """Narrows the choice fields before DkfdsFormMixin runs: it reads `self.errors` in its
    __init__, which validates the form at once against whatever querysets the fields hold."""

    def __init__(self, *args, **kwargs) -> None:
        options = {name: kwargs.pop(name) for name in self.choice_options}
        super().__init__(*args, **kwargs)
        self.set_choices(**options)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return f"{obj.process.name}: {obj.title}"


class WorkshopForm(DkfdsFormMixin, ChoicesFirstMixin, forms.ModelForm):
    choice_options = ("user",)

    themes = ThemeChoiceField(
        label=_("Temaer"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("Temaerne fra processen, som bordene arbejder med."),
    )
    programme_text = forms.CharField(
        label=_("Program"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_('Ét punkt pr. linje, gerne med tidspunkt først, fx "09:30 Velkomst".'),
    )

    class Meta:
        model = Workshop
        fields = [
            "process",
            "district",
            "title",
            "date",
            "start_time",
            "end_time",
            "place",
            "purpose",
            "dots_per_participant",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }

    def set_choices(self, *, user) -> None:
        voting_round = (
            VotingRound.objects.filter(workshop=self.instance).first() if self.instance.pk else None
        )
        if voting_round is not None:
            # Fixed when voting opened (issue 19): a change here would change no ballot.
            field = self.fields["dots_per_participant"]
            field.disabled = True
            field.help_text = _(
                "Låst: afstemningen er åbnet med %(dots)s prikker pr. deltager, og det tal "
                "gælder hele afstemningen."
            ) % {"dots": voting_round.dots_per_participant}
        self.fields["process"].queryset = access.scope(user, Process)
        self.fields["district"].queryset = access.scope(user, District, "change")
        self.fields["themes"].queryset = access.scope(user, Theme).select_related("process")
        if self.instance.pk:
            self.initial["themes"] = list(self.instance.themes.all())
            self.initial["programme_text"] = "\n".join(
                f"{item.time:%H:%M} {item.text}" if item.time else item.text
                for item in self.instance.programme.all()
            )

    def clean_programme_text(self) -> list[tuple[datetime.time | None, str]]:
        items = []
        for line in _lines(self.cleaned_data["programme_text"]):
            match = _PROGRAMME_LINE.match(line)
            if match is None:
                items.append((None, line[:200]))
                continue
            hour, minute, text = int(match[1]), int(match[2]), match[3]
            if hour > 23 or minute > 59:
                raise forms.ValidationError(
                    _("%(line)s: tidspunktet findes ikke.") % {"line": line}
                )
            items.append((datetime.time(hour, minute), text[:200]))
        return items

    def clean(self) -> dict:
        cleaned = super().clean()
        process = cleaned.get("process")
        themes = cleaned.get("themes") or []
        if process is not None and any(theme.process_id != process.pk for theme in themes):
            self.add_error("themes", _("Vælg kun temaer fra den valgte proces."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return cleaned


class TableForm(DkfdsFormMixin, ChoicesFirstMixin, forms.ModelForm):
    choice_options = ("workshop",)

    class Meta:
        model = Table
        fields = ["number", "name", "users", "relatives", "staff", "partners"]
        help_texts = {
            "name": _("Fx bordets tema eller farve. Skriv ikke deltagernes navne."),
        }

    def set_choices(self, *, workshop: Workshop) -> None:
        self.instance.workshop = workshop

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        taken = self.instance.workshop.tables.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Der er allerede et bord med det nummer."))
        return number


class ThemeForm(DkfdsFormMixin, ChoicesFirstMixin, forms.Form):
    """A new theme in the workshop's process, put straight on the workshop's agenda."""

    choice_options = ("workshop",)

    title = forms.CharField(label=_("Tema"), max_length=200)
    questions = forms.CharField(
        label=_("Spørgsmål til bordene"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ét spørgsmål pr. linje."),
    )

    def set_choices(self, *, workshop: Workshop) -> None:
        self.workshop = workshop

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        # Compared in Python: SQLite's case-insensitive match ignores æ, ø and å.
        taken = Theme.objects.filter(process=self.workshop.process_id).values_list(
            "title", flat=True
        )
        if title.casefold() in {existing.casefold() for existing in taken}:
            raise forms.ValidationError(
                _("Temaet findes allerede i processen. Vælg det under “Ret workshop”.")
            )
        return title

    def clean_questions(self) -> list[str]:
        lines = _lines(self.cleaned_data["questions"])
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError(_("Hvert spørgsmål må højst være 300 tegn."))
        return list(dict.fromkeys(lines))


class InputForm(DkfdsFormMixin, ChoicesFirstMixin, forms.Form):
    """One line from a table: keep table and theme, type the next line."""

    choice_options = ("workshop",)
    table = forms.ModelChoiceField(label=_("Bord"), queryset=Table.objects.none())
    theme = forms.ModelChoiceField(label=_("Tema"), queryset=Theme.objects.none())
    question = forms.ModelChoiceField(
        label=_("Spørgsmål"), queryset=ThemeQuestion.objects.none(), required=False
    )
    text = forms.CharField(
        label=_("Input"),
        max_length=400,
        help_text=_("Én kort sætning. Tryk Enter for at gemme og skrive det næste."),
        error_messages={
            "required": _("Skriv bordets input, før du gemmer."),
            "max_length": _("Skriv kort: højst %(limit_value)d tegn (du skrev %(show_value)d)."),
        },
    )
    tags = forms.CharField(
        label=_("Mærker"),
        required=False,
        max_length=300,
        help_text=_('Adskil med komma, fx "peer-to-peer, åbningstider".'),
    )

    def set_choices(self, *, workshop: Workshop) -> None:
        self.fields["table"].queryset = workshop.tables.all()
        self.fields["theme"].queryset = workshop.themes.all()
        self.fields["question"].queryset = ThemeQuestion.objects.filter(
            theme__workshops=workshop
        ).select_related("theme")
        self.fields["question"].label_from_instance = lambda q: f"{q.theme.title}: {q.text}"
        self.fields["text"].widget.attrs.update({"autocomplete": "off", "autofocus": True})

    def clean(self) -> dict:
        cleaned = super().clean()
        question, theme = cleaned.get("question"), cleaned.get("theme")
        if question is not None and theme is not None and question.theme_id != theme.pk:
            self.add_error("question", _("Spørgsmålet hører ikke under det valgte tema."))
        return cleaned


class VotingCodeForm(DkfdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_("Koden står på den store skærm i lokalet."),
        error_messages={"required": _("Skriv koden fra skærmen.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).upper()
        workshop = Workshop.objects.filter(voting_code=code).first()
        if len(code) != VOTING_CODE_LENGTH or workshop is None:
            raise forms.ValidationError(
                _("Koden findes ikke. Tjek, at du har skrevet den som på skærmen.")
            )
        if workshop.voting_not_yet_open:
            raise forms.ValidationError(
                _("Afstemningen åbner, når workshoppen begynder (%(start)s).")
                % {"start": format_date(workshop.starts_at, time=True)}
            )
        if not workshop.voting_open:
            raise forms.ValidationError(
                _("Koden er udløbet, fordi workshoppen er slut. Der kan ikke stemmes længere.")
            )
        return code


class ParticipantCodeForm(DkfdsFormMixin, forms.Form):
    """The participant code from the printed sheet (issue 19)."""

    deltager = forms.CharField(
        label=_("Din deltagerkode"),
        max_length=20,
        help_text=_("Koden står på den seddel, du har fået. Du kan også scanne QR-koden."),
        error_messages={"required": _("Skriv koden fra din seddel.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deltager"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )

    def clean_deltager(self) -> str:
        return "".join(self.cleaned_data["deltager"].split()).upper()


class ParticipantCodeRevokeForm(DkfdsFormMixin, forms.Form):
    """The participant code the facilitator revokes (issue 19): one someone else has seen."""

    code = forms.CharField(
        label=_("Deltagerkode, der skal trækkes tilbage"),
        max_length=20,
        help_text=_("Koden fra deltagerens seddel, fx hvis en anden har set eller kopieret den."),
        error_messages={"required": _("Skriv koden fra deltagerens seddel.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).upper()


class ParticipantCodesForm(DkfdsFormMixin, forms.Form):
    """How many participant codes the facilitator prints (issue 19)."""

    count = forms.IntegerField(
        label=_("Antal deltagerkoder"),
        min_value=1,
        max_value=200,
        help_text=_("Én kode pr. deltager. Du kan lave flere senere."),
        error_messages={
            "min_value": _("Skriv et antal mellem 1 og 200."),
            "max_value": _("Skriv et antal mellem 1 og 200."),
            "invalid": _("Skriv et antal mellem 1 og 200."),
            "required": _("Skriv et antal mellem 1 og 200."),
        },
    )


class ScenarioForm(DkfdsFormMixin, ChoicesFirstMixin, forms.ModelForm):
    choice_options = ("candidates",)

    inputs = forms.ModelMultipleChoiceField(
        label=_("Bygger på input"),
        queryset=Input.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )

    class Meta:
        model = Scenario
        fields = ["title", "description", "status", "reason"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def set_choices(self, *, candidates) -> None:
        self.fields["inputs"].queryset = candidates
        for kind, label in ScenarioPoint.Kind.choices:
            self.fields[kind] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Ét punkt pr. linje."),
            )
        if self.instance.pk:
            self.initial["inputs"] = list(self.instance.inputs.all())
            for kind, _label in ScenarioPoint.Kind.choices:
                self.initial[kind] = "\n".join(
                    point.text for point in self.instance.points.all() if point.kind == kind
                )

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("status", Scenario.Status.DRAFT) != Scenario.Status.DRAFT
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error(
                "reason", _("Skriv en begrundelse, når scenariet vælges eller fravælges.")
            )
        for kind, _label in ScenarioPoint.Kind.choices:
            lines = _lines(cleaned.get(kind) or "")
            if any(len(line) > 400 for line in lines):
                self.add_error(kind, _("Hvert punkt må højst være 400 tegn."))
            cleaned[kind] = lines
        return cleaned

    def points(self) -> dict[str, list[str]]:
        return {kind: self.cleaned_data[kind] for kind, _label in ScenarioPoint.Kind.choices}


class MilestoneForm(DkfdsFormMixin, ChoicesFirstMixin, forms.ModelForm):
    """A milestone of the process: the process itself is the one the workshop belongs to."""

    choice_options = ("process",)

    class Meta:
        model = Milestone
        fields = ["kind", "title", "date", "description"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"date": _("Lad feltet stå tomt, hvis datoen ikke er fastsat endnu.")}

    def set_choices(self, *, process: Process) -> None:
        self.instance.process = process

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        # Compared in Python: SQLite's case-insensitive match ignores æ, ø and å.
        taken = (
            Milestone.objects.filter(process=self.instance.process)
            .exclude(pk=self.instance.pk)
            .values_list("title", flat=True)
        )
        if title.casefold() in {existing.casefold() for existing in taken}:
            raise forms.ValidationError(_("Processen har allerede en milepæl med den titel."))
        return title
