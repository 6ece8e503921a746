"""Haderslev's five questions asked after talks (seed 002, SIV monitoring) as the default survey."""

from django.db import migrations

QUESTIONS = [
    "Var det godt, at samtalen var her på værestedet?",
    "Følte du dig tryg under samtalen?",
    "Blev der lyttet til dig og det, du mener?",
    "Handlede samtalen om det, der var vigtigt for dig?",
    "Kom samtalen på det rigtige tidspunkt for dig?",
]


def add_questions(apps, schema_editor):
    question = apps.get_model("citizens", "SurveyQuestion")
    if question.objects.exists():
        return
    question.objects.bulk_create(
        question(text=text, position=position) for position, text in enumerate(QUESTIONS, 1)
    )


class Migration(migrations.Migration):
    dependencies = [("citizens", "0011_satisfaction_survey")]

    operations = [migrations.RunPython(add_questions, migrations.RunPython.noop)]
