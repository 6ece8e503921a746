"""A real Celery worker, started here, takes a task from Redis and answers it."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from astnet.tasks import ping
from tests.conftest import needs_redis


@pytest.fixture
def worker_queue():
    needs_redis()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "REDIS_URL": settings.REDIS_URL}
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


def test_a_worker_process_executes_a_task_through_redis(worker_queue):
    from astnet.celery import app

    app.conf.task_always_eager = False
    result = ping.apply_async(args=["hej"], queue=worker_queue)
    assert result.get(timeout=60) == "pong:hej"


@pytest.mark.parametrize(
    ("redis_url", "eager"), [("", "True"), ("redis://127.0.0.1:6379/0", "False")]
)
def test_tasks_run_in_process_exactly_when_no_broker_is_configured(redis_url, eager):
    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "astnet.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == eager, result.stderr
