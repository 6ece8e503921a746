"""Celery task for the citizens' rights: the nightly anonymisation after the retention period.

Registered through `citizens/tasks.py` (Celery discovers only modules named `tasks`); scheduled by
migration 0005 in django-celery-beat.
"""

from celery import shared_task


@shared_task(name="citizens.rights_tasks.anonymise_expired", time_limit=30 * 60)
def anonymise_expired() -> dict[str, int]:
    from citizens import rights

    return {"anonymised": len(rights.anonymise_expired())}
