"""Celery tasks of the foundation: the ping that proves a worker takes tasks from the broker."""

from celery import shared_task


@shared_task(name="astnet.ping")
def ping(token: str) -> str:
    """Answers with the token it was given: proves a worker took a task from the broker."""
    return f"pong:{token}"
