"""Celery tasks for citizens: thin wrappers around services."""

from celery import shared_task

from citizens import follow_up


@shared_task(name="citizens.tasks.refresh_follow_up", time_limit=10 * 60)
def refresh_follow_up() -> dict[str, int]:
    """Nightly (django-celery-beat, scheduled by migration 0003): refresh the follow-up list."""
    return follow_up.refresh_follow_up()


from citizens.rights_tasks import anonymise_expired  # noqa: E402,F401
