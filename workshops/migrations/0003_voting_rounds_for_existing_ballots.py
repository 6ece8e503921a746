"""Workshops that already have ballots get their voting round now, with the dots per participant
they have today, so the ballots cast so far keep that number from here on (issue 19)."""

from django.db import migrations


def open_rounds(apps, schema_editor):
    Workshop = apps.get_model("workshops", "Workshop")
    VotingRound = apps.get_model("workshops", "VotingRound")
    for workshop in Workshop.objects.filter(ballots__isnull=False).distinct().iterator():
        VotingRound.objects.get_or_create(
            workshop=workshop,
            defaults={"mode": "cookie", "dots_per_participant": workshop.dots_per_participant},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0002_voting_rounds_and_participant_codes"),
    ]

    operations = [
        migrations.RunPython(open_rounds, migrations.RunPython.noop),
    ]
