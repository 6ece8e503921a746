"""Settings from the environment: production refuses to start without a key, and passes
Django's deployment checks with the production variables set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-key-0123456789",
    "ALLOWED_HOSTS": "astnet.kk.dk",
    "HTTPS": "1",
    "BEHIND_PROXY": "1",
    "REQUIRE_OTP": "1",
}


def manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "STATIC_MANIFEST": "0", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_a_secret_key_is_required():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_danish_is_the_default_and_english_is_available(settings):
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.DEBUG is False


def test_check_deploy_warns_when_the_second_factor_is_not_required():
    result = manage("check", "--deploy", **{**PRODUCTION, "REQUIRE_OTP": "0"})
    assert "astnet.W001" in result.stdout + result.stderr


PRINT_PRIVATE_STORAGE = (
    "from django.core.files.storage import storages; s = storages['private']; "
    "print(type(s).__module__, type(s).__name__, getattr(s, 'bucket_name', '-'), "
    "getattr(s, 'endpoint_url', '-'), getattr(s, 'default_acl', '-'))"
)


def test_private_files_go_to_a_folder_by_default():
    result = manage("shell", "-c", PRINT_PRIVATE_STORAGE, SECRET_KEY="x")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[:2] == [
        "astnet.storage",
        "PrivateStorage",
    ]


def test_an_s3_bucket_is_switched_on_by_environment_variables():
    result = manage(
        "shell",
        "-c",
        PRINT_PRIVATE_STORAGE,
        SECRET_KEY="x",
        PRIVATE_S3_BUCKET="astnet-private",
        PRIVATE_S3_ENDPOINT_URL="https://s3.kk.example",
        PRIVATE_S3_ACCESS_KEY_ID="id",
        PRIVATE_S3_SECRET_ACCESS_KEY="secret",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "storages.backends.s3",
        "S3Storage",
        "astnet-private",
        "https://s3.kk.example",
        "private",
    ]


def test_reports_and_attachments_are_stored_in_the_private_storage():
    from django.core.files.storage import storages

    from astnet.models import Report
    from peers.models import ApplicationAttachment

    for model in (Report, ApplicationAttachment):
        assert model._meta.get_field("file").storage is storages["private"]


PRINT_PREPARING = (
    "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; "
    "print(o['server_side_binding'], o['prepare_threshold'])"
)


def test_prepared_statements_are_on_by_default_and_can_be_switched_off():
    """On for PostgreSQL (issue 22); off for a transaction-mode PgBouncer, which cannot keep a
    connection's prepared statements."""
    postgres = "postgres://astnet@db.example:5432/astnet"
    on = manage("shell", "-c", PRINT_PREPARING, SECRET_KEY="x", DATABASE_URL=postgres)
    assert on.returncode == 0, on.stderr
    assert on.stdout.splitlines()[-1] == "True 5"
    off = manage(
        "shell",
        "-c",
        PRINT_PREPARING,
        SECRET_KEY="x",
        DATABASE_URL=postgres,
        DATABASE_PREPARED_STATEMENTS="0",
    )
    assert off.returncode == 0, off.stderr
    assert off.stdout.splitlines()[-1] == "True None"
