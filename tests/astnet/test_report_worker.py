"""A real Celery worker (its own process, through Redis) renders a report from the committed data."""

import datetime
import io
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection
from pypdf import PdfReader

from astnet.models import Report
from astnet.reporting.tasks import report_render
from tests.astnet.test_dashboards import add_visits
from tests.conftest import needs_postgresql, needs_redis

pytestmark = pytest.mark.services


def _database_url() -> str:
    """The test database, as the worker process must see it (it reads DATABASE_URL itself)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def report_worker(transactional_db, tmp_path, settings):
    needs_redis()
    needs_postgresql()
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    queue = f"test-reports-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "REDIS_URL": settings.REDIS_URL,
        "DATABASE_URL": _database_url(),
        # The replica, if configured, would be the real database, not this test's.
        "DATABASE_REPLICA_URL": "",
        "PRIVATE_MEDIA_ROOT": str(tmp_path),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "astnet",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_worker_process_renders_the_report_to_a_pdf(report_worker, world):
    from astnet.celery import app

    add_visits(world.nabo, 37, citizens=8)
    add_visits(world.griffen, 26, citizens=13)
    report = Report.objects.create(
        ordered_by=world.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        report_render.apply_async(args=[report.pk], queue=report_worker)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            report.refresh_from_db()
            if not report.is_pending:
                break
            time.sleep(0.5)
    finally:
        app.conf.task_always_eager = eager
    assert report.status == Report.Status.DONE, report.failure_reason
    with report.file.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Center Amager" in text and "Center Nørrebro" in text
    assert "37" in text
