"""Schedules the refresh of the default dashboards (astnet/dashboards/cached.py)."""

from django.db import migrations

TASK_NAME = "Nøgletal tælles på forhånd"
TASK = "astnet.refresh_dashboards"
# Well inside astnet.dashboards.cached.CACHE_SECONDS, so the default dashboards never expire.
EVERY_MINUTES = 4


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _created = IntervalSchedule.objects.get_or_create(
        every=EVERY_MINUTES, period="minutes"
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "interval": interval,
            "enabled": True,
            "description": "Tæller bydelenes og byens nøgletal for året til nu, før nogen spørger.",
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("astnet", "0004_monthly_city_report"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
