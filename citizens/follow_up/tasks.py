"""Celery task for follow-up: the nightly refresh of the list. Registered through
`citizens/tasks.py` (Celery discovers only modules named `tasks` at the app's top level)."""

from celery import shared_task

from citizens.follow_up import services


@shared_task(name="citizens.tasks.refresh_follow_up", time_limit=10 * 60)
def refresh_follow_up() -> dict[str, int]:
    """Nightly (django-celery-beat, scheduled by migration 0003): refresh the follow-up list.
    Returns the counts of follow-ups opened and closed."""
    return services.refresh_follow_up()
