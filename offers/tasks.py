"""Offers' scheduled jobs (django-celery-beat reads the schedule from offers/migrations/0006)."""

from celery import shared_task

from offers import services


@shared_task(name="offers.tasks.apply_scheduled_changes", time_limit=10 * 60)
def apply_scheduled_changes() -> int:
    """Nightly: scheduled openings, closings and moves reach the stored fields on their day."""
    return services.apply_scheduled_changes()
