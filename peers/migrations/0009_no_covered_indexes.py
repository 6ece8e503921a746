import django.db.models.deletion
from django.db import migrations, models

from astnet.migration_indexes import drop_field_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0009_no_covered_indexes"),
        ("peers", "0008_district_labels_neutral_area_wording"),
    ]

    # Only the indexes change: see astnet/migration_indexes.py (no table copy, no constraint check).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="state",
                    field=models.CharField(
                        choices=[
                            ("draft", "Kladde"),
                            ("submitted", "Indsendt"),
                            ("in_vote", "Til afstemning"),
                            ("granted", "Bevilget"),
                            ("partly_granted", "Delvist bevilget"),
                            ("rejected", "Afslået"),
                            ("withdrawn", "Trukket tilbage"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="budget",
                    name="council",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="budgets",
                        to="peers.council",
                        verbose_name="råd",
                    ),
                ),
                migrations.AlterField(
                    model_name="councilcriteria",
                    name="council",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="criteria",
                        to="peers.council",
                        verbose_name="råd",
                    ),
                ),
                migrations.AlterField(
                    model_name="councilmember",
                    name="council",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="peers.council",
                        verbose_name="råd",
                    ),
                ),
                migrations.AlterField(
                    model_name="moduleattendance",
                    name="session",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="peers.modulesession",
                        verbose_name="modulgang",
                    ),
                ),
                migrations.AlterField(
                    model_name="modulesession",
                    name="cohort",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="peers.trainingcohort",
                        verbose_name="hold",
                    ),
                ),
                migrations.AlterField(
                    model_name="participation",
                    name="cohort",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="peers.trainingcohort",
                        verbose_name="hold",
                    ),
                ),
                migrations.AlterField(
                    model_name="peermeeting",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="peer_meetings",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="placement",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mentor_placements",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="recusal",
                    name="application",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recusals",
                        to="peers.application",
                        verbose_name="ansøgning",
                    ),
                ),
                migrations.AlterField(
                    model_name="trainingmodule",
                    name="programme",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="modules",
                        to="peers.trainingprogramme",
                        verbose_name="uddannelsesprogram",
                    ),
                ),
                migrations.AlterField(
                    model_name="vote",
                    name="application",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="votes",
                        to="peers.application",
                        verbose_name="ansøgning",
                    ),
                ),
            ],
            database_operations=[
                drop_field_indexes(
                    ("peers", "application", "state"),
                    ("peers", "budget", "council"),
                    ("peers", "councilcriteria", "council"),
                    ("peers", "councilmember", "council"),
                    ("peers", "moduleattendance", "session"),
                    ("peers", "modulesession", "cohort"),
                    ("peers", "participation", "cohort"),
                    ("peers", "peermeeting", "offer"),
                    ("peers", "placement", "offer"),
                    ("peers", "recusal", "application"),
                    ("peers", "trainingmodule", "programme"),
                    ("peers", "vote", "application"),
                ),
            ],
        ),
    ]
