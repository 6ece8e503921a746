"""docker-compose.yml as an operator runs it (issue 17). CI cannot start containers here, so these
tests read the compose file, the inline Dockerfile and .dockerignore, and run what can run outside a
container: the web healthcheck's exact probe against gunicorn with HTTPS=1 BEHIND_PROXY=1, and two
`migrate` runs at the same moment."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.db import connection

from tests.conftest import needs_postgresql

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = SERVICES["web"]["build"]["dockerfile_inline"]
APP_SERVICES = ("web", "worker", "beat")


def _dockerfile_env(name: str) -> str:
    match = re.search(rf"^ENV .*\b{name}=(\S+)", DOCKERFILE, re.MULTILINE)
    assert match, f"the Dockerfile sets no {name}"
    return match.group(1)


def test_web_and_worker_share_one_named_volume_for_private_files():
    private_root = _dockerfile_env("PRIVATE_MEDIA_ROOT")
    mounts = {
        name: [v for v in SERVICES[name].get("volumes", []) if v.endswith(f":{private_root}")]
        for name in ("web", "worker")
    }
    assert mounts["web"] and mounts["web"] == mounts["worker"], mounts
    volume = mounts["web"][0].split(":")[0]
    assert volume in COMPOSE["volumes"], "a bind mount or anonymous volume is not shared"
    # A fresh named volume takes the owner of the image's folder: the runtime user must own it.
    user = re.search(r"^USER (\S+)", DOCKERFILE, re.MULTILINE).group(1)
    assert user not in {"root", "nobody"}
    assert re.search(rf"chown {user}(:\S+)? {re.escape(private_root)}\b", DOCKERFILE)


def test_a_one_shot_migrate_service_runs_before_web_worker_and_beat():
    migrate = SERVICES["migrate"]
    assert "migrate" in migrate["command"]
    assert migrate["restart"] == "no"
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "migrate" not in " ".join(service["command"]), f"{name} must not migrate on start"


def test_the_app_runs_as_the_runtime_role_and_only_migrate_as_the_owner():
    superuser = SERVICES["db"]["environment"]["POSTGRES_USER"]
    for name in APP_SERVICES:
        url = SERVICES[name]["environment"]["DATABASE_URL"]
        assert url.startswith("postgres://astnet_app:${ASTNET_APP_PASSWORD"), name
    migrate = SERVICES["migrate"]["environment"]
    assert migrate["DATABASE_URL"].startswith("postgres://astnet_owner:${ASTNET_OWNER_PASSWORD")
    assert migrate["DATABASE_RUNTIME_ROLE"] == "astnet_app"
    assert not migrate["DATABASE_URL"].startswith(f"postgres://{superuser}:")
    assert "./deploy/postgres-init:/docker-entrypoint-initdb.d:ro" in SERVICES["db"]["volumes"]
    assert (ROOT / "deploy" / "postgres-init").is_dir()


def test_dockerignore_keeps_secrets_history_and_local_state_out_of_the_image():
    entries = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", ".git", ".venv", "var", "node_modules"} <= entries


def test_images_are_pinned_to_a_minor_version():
    images = [s["image"] for s in SERVICES.values() if "build" not in s]
    images.append(re.search(r"^FROM (\S+)", DOCKERFILE, re.MULTILINE).group(1))
    for image in images:
        assert re.fullmatch(r"[\w./-]+:\d+\.\d+[\w.-]*", image), image


def test_packages_install_from_the_lock_file_with_hashes():
    assert "--require-hashes" in DOCKERFILE and "requirements.lock" in DOCKERFILE
    lock = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==", lock, re.MULTILINE)
    assert {"django", "celery", "gunicorn", "django-storages"} <= {p.lower() for p in pins}
    assert lock.count("--hash=sha256:") >= len(pins)


def test_redis_keeps_its_data_across_a_restart():
    redis = SERVICES["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert any(v.endswith(":/data") for v in redis["volumes"])


def test_beats_healthcheck_reads_the_heartbeat_that_beat_writes(tmp_path, settings):
    from astnet.beat import HeartbeatScheduler

    check = " ".join(SERVICES["beat"]["healthcheck"]["test"])
    assert "pgrep" not in check
    assert settings.BEAT_HEARTBEAT_FILE in check
    settings.BEAT_HEARTBEAT_FILE = str(tmp_path / "heartbeat")
    HeartbeatScheduler.touch_heartbeat()
    assert Path(settings.BEAT_HEARTBEAT_FILE).exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(tmp_path: Path) -> str:
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'probe.sqlite3'}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def production_server(transactional_db, tmp_path):
    """gunicorn with the image's production settings: HTTPS=1, BEHIND_PROXY=1, a real host name."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "astnet.kk.dk",
        "HTTPS": "1",
        "BEHIND_PROXY": "1",
        "STATIC_MANIFEST": "0",
        "DATABASE_URL": _database_url(tmp_path),
        "DATABASE_REPLICA_URL": "",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "astnet.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _attempt in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_web_healthcheck_probe_passes_under_https_behind_a_proxy(production_server):
    probe = SERVICES["web"]["healthcheck"]["test"]
    assert probe[0] == "CMD"
    # The exact command of the healthcheck; only the port differs from the container's 8000.
    command = [arg.replace("127.0.0.1:8000", f"127.0.0.1:{production_server}") for arg in probe[1:]]
    command[0] = sys.executable if command[0] == "python" else command[0]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, shlex.join(command) + "\n" + result.stderr


def test_a_load_balancer_probe_by_address_gets_200_not_400_or_a_redirect(production_server):
    request = urllib.request.Request(
        f"http://127.0.0.1:{production_server}/healthz", headers={"Host": "10.20.30.40:8000"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local test server
        assert response.status == 200
        assert response.url.startswith("http://")


def test_other_pages_still_check_the_host_and_redirect_to_https(production_server):
    request = urllib.request.Request(
        f"http://127.0.0.1:{production_server}/tilbud/", headers={"Host": "10.20.30.40:8000"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - local test server
    assert refused.value.code == 400


@pytest.mark.services
def test_two_migrate_runs_at_once_both_succeed(tmp_path):
    """The compose `migrate` service started twice: the advisory lock makes the second wait."""
    needs_postgresql()
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_migrate_race"
    admin = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = _database_url(tmp_path).rsplit("/", 1)[0] + f"/{name}"
        env = {**os.environ, "DATABASE_URL": url, "DATABASE_REPLICA_URL": "", "SECRET_KEY": "x"}
        runs = [
            subprocess.Popen(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _run in range(2)
        ]
        errors = [run.communicate(timeout=600)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
