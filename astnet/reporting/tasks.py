"""Celery tasks of the reports and dashboards (thin: they call astnet.reporting.reports and the
dashboards' cache). The task names keep their `astnet.` prefix: beat schedules and queued tasks
refer to them by name."""

from celery import Task, shared_task
from celery.signals import worker_init

from astnet.reporting import reports
from astnet.reporting.dashboards import cached
from astnet.reporting.filters import default_period


class ReportTask(Task):
    """After the last retry, the report row says it failed and why: nothing is left 'running'."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        report_id = args[0] if args else kwargs["report_id"]
        reports.report_mark_failed(report_id=report_id, error=exc)

    def apply(self, args=None, kwargs=None, *, throw=None, **options):
        # In-process (no broker, eager) the retries must run as a worker runs them, ending in the
        # report row: with exceptions propagated, the first retry would escape and leave it running.
        return super().apply(args, kwargs, throw=False, **options)


@shared_task(
    base=ReportTask,
    name="astnet.report_render",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=3,
)
def report_render(report_id: int) -> None:
    reports.render_report(report_id)


@shared_task(name="astnet.reports_requeue")
def reports_requeue() -> int:
    """Run by django-celery-beat every minute: reports ordered while the broker was down are sent."""
    return reports.reports_requeue()


@shared_task(name="astnet.report_order_monthly")
def report_order_monthly() -> int:
    """Run by django-celery-beat on the first of each month: last month's city report."""
    return reports.report_order_monthly().pk


@shared_task(name="astnet.refresh_dashboards")
def refresh_dashboards() -> int:
    """Run by django-celery-beat every few minutes: the default dashboards, counted ahead."""
    return cached.refresh_defaults(period=default_period())


@worker_init.connect
def report_warm_up_on_start(**_kwargs) -> None:
    """A worker loads what reports need as it starts, in its main process before any pool starts:
    a solo or thread pool renders there, and a prefork pool's children are forked from it with
    everything loaded. It reads nothing from the database (Django's own worker_init handler may
    close the connections around it)."""
    reports.report_warm_up()
