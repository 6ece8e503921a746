"""The survey form: one 5-point question per active question, built from the data."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Plain words on every step so the scale never depends on numbers or colour alone.
SCALE = [
    (5, _("Helt enig")),
    (4, _("Enig")),
    (3, _("Hverken eller")),
    (2, _("Uenig")),
    (1, _("Helt uenig")),
]


class SurveyForm(forms.Form):
    """Fields `q<id>` for each question in `questions`; a question may be left out."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=SCALE,
                coerce=int,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-radio"}),
            )

    def clean(self):
        cleaned = super().clean()
        if not self.scores():
            raise forms.ValidationError(_("Svar på mindst ét spørgsmål."))
        return cleaned

    def scores(self) -> dict[int, int]:
        """Question id → score for the questions answered."""
        return {
            question.pk: self.cleaned_data[f"q{question.pk}"]
            for question in self.questions
            if self.cleaned_data.get(f"q{question.pk}") not in (None, "")
        }
