import django.db.models.deletion
from django.db import migrations, models

from astnet.migration_indexes import drop_field_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0008_district_labels_neutral_area_wording"),
    ]

    # Only the indexes change: see astnet/migration_indexes.py (no table copy, no constraint check).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="offer",
                    name="district",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offers",
                        to="offers.district",
                        verbose_name="område",
                    ),
                ),
                migrations.AlterField(
                    model_name="openingexception",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="exceptions",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
            ],
            database_operations=[
                drop_field_indexes(
                    ("offers", "offer", "district"),
                    ("offers", "openingexception", "offer"),
                ),
            ],
        ),
    ]
