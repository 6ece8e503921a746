"""A Celery worker loads what reports need as it starts, not while the first report waits
(issue 22: about a second of the first report's time)."""

import sys

import pytest
from celery.signals import worker_process_init, worker_ready

from astnet.reporting import reports, tasks


@pytest.mark.parametrize("started", [worker_ready, worker_process_init])
def test_a_starting_worker_warms_up_where_reports_will_run(started, monkeypatch):
    """The worker imports the tasks module (autodiscovery) before it starts; so does this test."""
    assert tasks.report_warm_up_on_start
    warmed = []
    monkeypatch.setattr(reports, "report_warm_up", lambda: warmed.append(True))

    started.send(sender=None)

    assert warmed == [True]


def test_the_warm_up_loads_the_renderer_and_the_template(monkeypatch):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    compiled = []
    real = reports.get_template
    monkeypatch.setattr(reports, "get_template", lambda name: compiled.append(name) or real(name))

    reports.report_warm_up()

    assert "weasyprint" in sys.modules
    assert compiled == ["reports/report.html"]
