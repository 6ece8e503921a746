"""Citizens' rights: the legal hold and anonymisation state, the history of corrections, and the
nightly anonymisation of citizens past the retention period (django-celery-beat reads it from the DB)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

TASK_NAME = "Borgere uden aktivitet i opbevaringsperioden anonymiseres hver nat"
TASK = "citizens.rights_tasks.anonymise_expired"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="3",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Copenhagen",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME, defaults={"task": TASK, "crontab": crontab, "enabled": True}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0004_courses"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name="CitizenPrivacy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "legal_hold",
                    models.BooleanField(
                        default=False,
                        help_text="Borgeren må ikke anonymiseres, fx fordi oplysningerne indgår i en klagesag.",
                        verbose_name="retligt forbehold",
                    ),
                ),
                (
                    "legal_hold_reason",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="begrundelse for forbeholdet"
                    ),
                ),
                (
                    "legal_hold_changed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="forbehold ændret"),
                ),
                (
                    "anonymised_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="anonymiseret"),
                ),
                (
                    "anonymisation_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("request", "Borgerens anmodning om sletning"),
                            ("retention", "Opbevaringsperioden er udløbet"),
                        ],
                        max_length=20,
                        verbose_name="anonymiseret fordi",
                    ),
                ),
                (
                    "citizen",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="privacy",
                        to="citizens.citizen",
                        verbose_name="borger",
                    ),
                ),
                (
                    "legal_hold_changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="forbehold ændret af",
                    ),
                ),
            ],
            options={
                "verbose_name": "databeskyttelse",
                "verbose_name_plural": "databeskyttelse",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("legal_hold", False),
                            models.Q(("legal_hold_reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="citizen_privacy_hold_has_reason",
                        violation_error_message="Skriv begrundelsen for det retlige forbehold.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("legal_hold", False), ("anonymised_at__isnull", True), _connector="OR"
                        ),
                        name="citizen_privacy_no_hold_once_anonymised",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="CitizenRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="ændret"
                    ),
                ),
                ("field_name", models.CharField(max_length=100, verbose_name="felt")),
                ("old_value", models.TextField(blank=True, verbose_name="før")),
                ("new_value", models.TextField(blank=True, verbose_name="efter")),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ændret af",
                    ),
                ),
                (
                    "citizen",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="citizens.citizen",
                        verbose_name="borger",
                    ),
                ),
            ],
            options={
                "verbose_name": "rettelse",
                "verbose_name_plural": "rettelser",
                "ordering": ["-changed_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["citizen", "changed_at"], name="citizens_ci_citizen_b9e86e_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(schedule, unschedule),
    ]
