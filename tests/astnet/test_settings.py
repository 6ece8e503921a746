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
