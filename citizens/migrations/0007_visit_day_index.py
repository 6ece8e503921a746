"""An index by day for the city overview's counts over every offer (see Visit.Meta)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0006_visit_covering_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                fields=["day"], include=("offer", "citizen"), name="visit_day_offer_citizen"
            ),
        ),
    ]
