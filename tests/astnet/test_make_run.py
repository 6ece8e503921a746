"""`make run` without Redis runs a real Celery worker over kombu's filesystem transport (issue 17):
ordering a report takes production's path (a queue and a worker), never an in-request render."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(broker_dir: Path) -> dict:
    base = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return {**base, "DEBUG": "1", "STATIC_MANIFEST": "0", "CELERY_BROKER_DIR": str(broker_dir)}


def test_make_run_starts_a_worker_beside_runserver_with_the_filesystem_queue():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run: .*?(?=^\S|\Z)", makefile, re.MULTILINE | re.DOTALL).group(0)
    assert "celery -A astnet worker" in recipe and "runserver" in recipe
    assert "CELERY_BROKER_DIR=var/broker" in makefile


def test_with_a_broker_folder_tasks_are_queued_not_run_in_the_request(tmp_path):
    show = (
        "from django.conf import settings as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CELERY_RESULT_BACKEND)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"False filesystem:// file://{tmp_path / 'results'}"


def test_a_worker_on_the_filesystem_queue_answers_a_task(tmp_path):
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "astnet", "worker", "--pool=solo"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=ROOT,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        ask = "from astnet.tasks import ping; print(ping.delay('hej').get(timeout=90))"
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", ask],
            cwd=ROOT,
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=150,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "pong:hej"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
