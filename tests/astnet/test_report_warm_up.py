"""A Celery worker loads what reports need as it starts, not while the first report waits
(issue 22: about a second of the first report's time)."""

from celery import Celery
from celery.signals import worker_init

from astnet.reporting import reports, tasks


class _OtherAppsWorker:
    """A worker of an app that is not astnet's (and never becomes the current app, which the
    shared tasks would then bind to)."""

    def __init__(self):
        self.app = Celery("stand-in", set_as_current=False)


def test_a_starting_worker_warms_up_before_its_pool_starts(monkeypatch):
    """The worker imports the tasks module (autodiscovery) before it sends worker_init; so does
    this test. The stand-in worker belongs to another app, so Celery's Django fixup leaves this
    test process as it is (it would set up a worker's database handling here)."""
    assert tasks.report_warm_up_on_start
    warmed = []
    monkeypatch.setattr(reports, "report_warm_up", lambda: warmed.append(True))

    worker_init.send(sender=_OtherAppsWorker())

    assert warmed == [True]


def test_the_warm_up_loads_the_renderer_and_every_report_template(monkeypatch):
    loaded, compiled = [], []
    monkeypatch.setattr(reports, "load_renderer", lambda: loaded.append(True))
    monkeypatch.setattr(reports, "get_template", compiled.append)

    reports.report_warm_up()

    assert loaded == [True]
    assert compiled == list(reports.REPORT_TEMPLATES)


def test_every_report_template_exists():
    from django.template.loader import get_template

    for name in reports.REPORT_TEMPLATES:
        get_template(name)
