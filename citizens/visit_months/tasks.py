"""Celery task for the visit months: the nightly check. Registered through `citizens/tasks.py`
(Celery discovers only modules named `tasks`); scheduled by migration 0018 under the name below."""

from celery import shared_task

from citizens.visit_months import services


@shared_task(name="citizens.tasks.check_visit_months", time_limit=30 * 60)
def check_visit_months() -> dict[str, int]:
    """Compare the visit months with the visits, repair, record; returns the counts."""
    check = services.visit_months_check()
    return {"rows_checked": check.rows_checked, "rows_wrong": check.rows_wrong}
