"""The app's Celery tasks, for autodiscovery (which imports `peers.tasks`): the councils' vote
closing (task name `peers.close_due_votes`, scheduled by migration 0003)."""

from peers.councils.tasks import close_due_votes

__all__ = ["close_due_votes"]
