import django.db.models.deletion
from django.db import migrations, models

from astnet.migration_indexes import drop_field_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0006_district_labels_neutral_area_wording"),
    ]

    # Only the indexes change: see astnet/migration_indexes.py (no table copy, no constraint check).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="input",
                    name="table",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inputs",
                        to="workshops.table",
                        verbose_name="bord",
                    ),
                ),
                migrations.AlterField(
                    model_name="milestone",
                    name="process",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestones",
                        to="workshops.process",
                        verbose_name="proces",
                    ),
                ),
                migrations.AlterField(
                    model_name="scenario",
                    name="process",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="scenarios",
                        to="workshops.process",
                        verbose_name="proces",
                    ),
                ),
                migrations.AlterField(
                    model_name="table",
                    name="workshop",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tables",
                        to="workshops.workshop",
                        verbose_name="workshop",
                    ),
                ),
                migrations.AlterField(
                    model_name="theme",
                    name="process",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="themes",
                        to="workshops.process",
                        verbose_name="proces",
                    ),
                ),
                migrations.AlterField(
                    model_name="themequestion",
                    name="theme",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="workshops.theme",
                        verbose_name="tema",
                    ),
                ),
                migrations.AlterField(
                    model_name="workshop",
                    name="process",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="workshops",
                        to="workshops.process",
                        verbose_name="proces",
                    ),
                ),
            ],
            database_operations=[
                drop_field_indexes(
                    ("workshops", "input", "table"),
                    ("workshops", "milestone", "process"),
                    ("workshops", "scenario", "process"),
                    ("workshops", "table", "workshop"),
                    ("workshops", "theme", "process"),
                    ("workshops", "themequestion", "theme"),
                    ("workshops", "workshop", "process"),
                ),
            ],
        ),
    ]
