"""Celery task for the citizens' rights: the nightly anonymisation after the retention period.

Registered through `citizens/tasks.py` (Celery discovers only modules named `tasks`); scheduled by
migration 0005 in django-celery-beat under the task name below, which must not change.
"""

from celery import shared_task

from citizens.rights import services


@shared_task(name="citizens.rights_tasks.anonymise_expired", time_limit=30 * 60)
def anonymise_expired() -> dict[str, int]:
    """Anonymise every citizen past the retention period; returns {"anonymised": count}."""
    return {"anonymised": len(services.anonymise_expired())}
