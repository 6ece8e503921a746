"""Keeps citizens_visitmonth in step with citizens_visit by triggers, sums it from the visits there
are, and schedules its nightly check (issue 22; citizens/visit_months/sql.py says why triggers)."""

from django.db import migrations

from citizens.visit_months import sql

TASK_NAME = "Fremmøde pr. måned kontrolleres hver nat"
TASK = "citizens.tasks.check_visit_months"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in sql.create_triggers(vendor):
        schema_editor.execute(statement, params=None)
    # Summed once from every visit; from here on the triggers keep it (PostgreSQL: seconds for a
    # city's five years, while the migration holds the table).
    schema_editor.execute(
        "INSERT INTO citizens_visitmonth (offer_id, citizen_id, month, days, visit_days) "
        + sql.summed(vendor),
        params=None,
    )
    # Without statistics the planner reads the new table as if empty: the dashboards' figures
    # took 4.1 s instead of 1.5 s on the bench's city until it was analysed.
    if vendor == "postgresql":
        schema_editor.execute("ANALYZE citizens_visitmonth", params=None)


def drop(apps, schema_editor):
    for statement in sql.drop_triggers(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)
    apps.get_model("citizens", "VisitMonth").objects.all().delete()


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="10",
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
        ("citizens", "0017_visit_months"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(schedule, unschedule),
    ]
