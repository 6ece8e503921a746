"""`make backup` and `make restore` round-trip a PostgreSQL database."""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tests.conftest import needs_postgresql

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{settings['USER']}@{host}:{port}/{name}"


def _make(target: str, url: str, **variables) -> subprocess.CompletedProcess:
    args = ["make", "--no-print-directory", target, *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def scratch_database():
    name = f"astnet_restore_{uuid.uuid4().hex[:8]}"
    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(world, tmp_path, scratch_database):
    needs_postgresql()
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    dump = tmp_path / "astnet.dump"
    users_before = get_user_model().objects.count()

    backup = _make("backup", _url(connection.settings_dict["NAME"]), BACKUP_FILE=dump)
    assert backup.returncode == 0, backup.stderr
    restore = _make("restore", _url(scratch_database), FILE=dump)
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(_url(scratch_database)) as conn:
        offers = conn.execute("SELECT name FROM offers_offer ORDER BY name").fetchall()
        users = conn.execute("SELECT count(*) FROM auth_user").fetchone()[0]
    assert [name for (name,) in offers] == ["Griffenfeldsgade 35", "Kompasset", "Nabo"]
    assert users == users_before


def test_backup_refuses_without_a_database_url():
    result = _make("backup", "")
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stdout
