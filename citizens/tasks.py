"""Celery tasks of the citizens app, named here so that Celery's autodiscovery (which imports only
`<app>.tasks`) registers the sub-domains' tasks, and `citizens.tasks.refresh_follow_up` stays the
dotted name migration 0003 schedules."""

from citizens.follow_up.tasks import refresh_follow_up
from citizens.rights.tasks import anonymise_expired
from citizens.visit_months.tasks import check_visit_months

__all__ = ["anonymise_expired", "check_visit_months", "refresh_follow_up"]
