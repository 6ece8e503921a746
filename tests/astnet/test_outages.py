"""Outages lose nothing and show no errors (issue 17): pages with Redis down, and a report ordered
while the broker is down that is delivered when it comes back."""

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from pypdf import PdfReader

from astnet.models import Report
from astnet.reporting import reports
from tests.astnet.test_dashboards import add_visits
from tests.conftest import needs_postgresql, needs_redis

ORDER = {"period_from": "2026-01-05", "period_to": "2026-03-29", "district": ""}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dead_redis_cache(settings):
    """The cache pointed at a port where no Redis answers."""
    settings.CACHES = {
        "default": {
            "BACKEND": settings.CACHES["default"]["BACKEND"]
            if "Forgiving" in settings.CACHES["default"]["BACKEND"]
            else "astnet.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_production_uses_the_forgiving_cache_whenever_redis_is_configured():
    from astnet import settings as production

    if production.REDIS_URL:
        assert production.CACHES["default"]["BACKEND"] == "astnet.cache.ForgivingRedisCache"
    source = Path(production.__file__).read_text()
    assert "django.core.cache.backends.redis.RedisCache" not in source


def test_the_cache_reads_as_empty_and_drops_writes_when_redis_is_down(dead_redis_cache):
    from django.core.cache import cache

    cache.set("k", "v")
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["k"]) == {}
    assert cache.add("k", "v") is False
    assert cache.delete("k") is False


def test_pages_that_cache_work_with_redis_down(client, world, dead_redis_cache):
    citizen = add_visits(world.nabo, 12, citizens=6)[0]
    client.force_login(world.administration)
    for url in (
        reverse("dashboards:city"),
        reverse("dashboards:district", args=[world.amager.pk]),
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(world.staff)
    assert client.get(reverse("citizens:detail", args=[citizen.pk])).status_code == 200
    programme = client.get(reverse("offers_public:offer_pdf", args=[world.nabo.slug]))
    assert programme.status_code == 200
    assert programme["Content-Type"] == "application/pdf"


def test_a_report_ordered_while_the_broker_is_down_is_sent_by_the_sweep(
    client, world, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    from astnet.reporting.tasks import report_render

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    client.force_login(world.administration)
    with monkeypatch.context() as patch:
        patch.setattr(report_render, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("dashboards:reports"), ORDER)
        assert response.status_code == 302
        report = Report.objects.get()
        assert (report.status, report.enqueued_at) == (Report.Status.QUEUED, None)
        assert reports.reports_requeue() == 0, "still down: nothing is sent, nothing is lost"

    assert reports.reports_requeue() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert reports.reports_requeue() == 0


def test_the_sweep_is_scheduled_every_minute(db):
    task = PeriodicTask.objects.get(task="astnet.reports_requeue")
    assert task.enabled and task.interval.every == 1 and task.interval.period == "minutes"


# --- the real thing: a private redis-server stopped and started again --------------------------


class PrivateRedis:
    def __init__(self, directory: Path):
        self.port = _free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "yes", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        if os.environ.get("ASTNET_REQUIRE_SERVICES") == "1":
            pytest.fail("redis-server is missing")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def app_on(settings):
    """Points the Celery app (not eager) at a broker URL for the test; restores it afterwards."""
    from kombu import pools

    from astnet.celery import app

    saved = (
        app.conf.broker_url,
        app.conf.task_always_eager,
        app.conf.broker_connection_max_retries,
    )

    def point(url: str, retries: int | None = 1) -> None:
        app.conf.broker_url = url
        app.conf.broker_connection_max_retries = retries
        app.conf.task_always_eager = False
        app.pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        # kombu keeps producer pools per connection in a global registry: a closed one left there
        # is handed to the next test that sends a task ("Acquire on closed pool").
        pools.reset()

    yield point
    point(saved[0], saved[2])
    app.conf.task_always_eager = saved[1]


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.mark.services
def test_a_report_ordered_while_redis_is_stopped_is_delivered_when_it_returns(
    transactional_db, world, client, private_redis, app_on, settings, tmp_path
):
    needs_postgresql()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    add_visits(world.nabo, 37, citizens=8)
    private_redis.start()
    private_redis.stop()
    app_on(private_redis.url)

    client.force_login(world.administration)
    response = client.post(reverse("dashboards:reports"), ORDER)
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.status, report.enqueued_at) == (Report.Status.QUEUED, None)

    private_redis.start()
    queue = f"outage-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "astnet", "worker", "--pool=solo"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{queue}@%h"]
        + ["--loglevel=WARNING"],
        env={
            **os.environ,
            "REDIS_URL": private_redis.url,
            "DATABASE_URL": _database_url(),
            "DATABASE_REPLICA_URL": "",
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        from astnet.reporting.tasks import reports_requeue

        assert reports_requeue() == 1
        for _attempt in range(1200):
            report.refresh_from_db()
            if report.status in {Report.Status.DONE, Report.Status.FAILED}:
                break
            assert worker.poll() is None, worker.stderr.read().decode()
            time.sleep(0.1)
        assert report.status == Report.Status.DONE, report.failure_reason
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    download = client.get(reverse("dashboards:report_download", args=[report.pk]))
    assert download.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert "Statusnotat" in pdf.pages[0].extract_text()


def test_cache_operations_share_one_redis_client_per_connection_pool(settings):
    """Django builds a redis-py client for every operation; ours keeps one per pool (issue 22),
    and what one operation writes the next reads."""
    from django.core.cache import caches

    needs_redis()
    settings.CACHES = {
        "default": {"BACKEND": "astnet.cache.ForgivingRedisCache", "LOCATION": settings.REDIS_URL}
    }
    cache = caches["default"]
    key = f"client-reuse-{uuid.uuid4()}"
    cache.set(key, "v", 30)
    assert cache.get(key) == "v"
    client = cache._cache.get_client(key)
    assert cache._cache.get_client(key, write=True) is client
    cache.delete(key)
    assert cache.get(key) is None
