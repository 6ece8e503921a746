import django.db.models.deletion
from django.db import migrations, models

from astnet.migration_indexes import drop_field_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0018_visit_months_triggers_backfill"),
        ("offers", "0009_no_covered_indexes"),
    ]

    # Only the indexes change: see astnet/migration_indexes.py (no table copy, no constraint check).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="anonymousvisits",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="anonymous_visits",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="attendance",
                    name="session",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="citizens.session",
                        verbose_name="mødegang",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseworkhours",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="casework_hours",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="citizenrevision",
                    name="citizen",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="citizens.citizen",
                        verbose_name="borger",
                    ),
                ),
                migrations.AlterField(
                    model_name="consultation",
                    name="hours",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consultations",
                        to="citizens.caseworkhours",
                        verbose_name="træffetid",
                    ),
                ),
                migrations.AlterField(
                    model_name="enrollment",
                    name="citizen",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="enrollments",
                        to="citizens.citizen",
                        verbose_name="borger",
                    ),
                ),
                migrations.AlterField(
                    model_name="enrollment",
                    name="course",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="enrollments",
                        to="citizens.course",
                        verbose_name="forløb",
                    ),
                ),
                migrations.AlterField(
                    model_name="followup",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follow_ups",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="session",
                    name="course",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="citizens.course",
                        verbose_name="forløb",
                    ),
                ),
                migrations.AlterField(
                    model_name="surveyanswer",
                    name="response",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="citizens.surveyresponse",
                    ),
                ),
                migrations.AlterField(
                    model_name="surveyresponse",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="survey_responses",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="visit",
                    name="citizen",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="visits",
                        to="citizens.citizen",
                        verbose_name="borger",
                    ),
                ),
                migrations.AlterField(
                    model_name="visit",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="visits",
                        to="offers.offer",
                        verbose_name="tilbud",
                    ),
                ),
                migrations.AlterField(
                    model_name="visitmonth",
                    name="citizen",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="citizens.citizen",
                    ),
                ),
                migrations.AlterField(
                    model_name="visitmonth",
                    name="offer",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="offers.offer",
                    ),
                ),
            ],
            database_operations=[
                drop_field_indexes(
                    ("citizens", "anonymousvisits", "offer"),
                    ("citizens", "attendance", "session"),
                    ("citizens", "caseworkhours", "offer"),
                    ("citizens", "citizenrevision", "citizen"),
                    ("citizens", "consultation", "hours"),
                    ("citizens", "enrollment", "citizen"),
                    ("citizens", "enrollment", "course"),
                    ("citizens", "followup", "offer"),
                    ("citizens", "session", "course"),
                    ("citizens", "surveyanswer", "response"),
                    ("citizens", "surveyresponse", "offer"),
                    ("citizens", "visit", "citizen"),
                    ("citizens", "visit", "offer"),
                    ("citizens", "visitmonth", "citizen"),
                    ("citizens", "visitmonth", "offer"),
                ),
            ],
        ),
    ]
