"""Shared test set-up: a small city (two districts, three offers, a user per role) and the
services check that turns a missing PostgreSQL or Redis into a failure when CI asks for them."""

import os
import socket
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection
from hypothesis import settings as hypothesis_settings

from astnet.models import Role
from tests import factories as f

# Hypothesis explores new examples on a developer's machine, and runs the same ones in CI so a
# red build is reproducible (the CI profile is chosen when CI or ASTNET_REQUIRE_SERVICES is set).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") or os.environ.get("ASTNET_REQUIRE_SERVICES"):
    hypothesis_settings.load_profile("ci")


def _flush_past_the_audit_truncate_trigger():
    """Tests that commit (transactional_db, live_server) are emptied with TRUNCATE, which the audit
    log refuses (issue 16). The test database's superuser lifts that one trigger for the flush
    alone; production has no flush and its runtime role cannot even TRUNCATE."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    plain = DatabaseOperations.sql_flush
    if getattr(plain, "lifts_audit_trigger", False):
        return

    def sql_flush(self, style, tables, **kwargs):
        statements = plain(self, style, tables, **kwargs)
        if statements and "astnet_auditevent" in tables:
            trigger = "ALTER TABLE astnet_auditevent {} TRIGGER astnet_auditevent_no_truncate"
            statements = [trigger.format("DISABLE"), *statements, trigger.format("ENABLE")]
        return statements

    sql_flush.lifts_audit_trigger = True
    DatabaseOperations.sql_flush = sql_flush


def pytest_configure(config):
    _flush_past_the_audit_truncate_trigger()
    # Argon2 is deliberately slow; the tests check behaviour, not hashing cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    if not settings.ASTNET_REQUIRE_SERVICES:
        return
    problems = []
    if connection.vendor != "postgresql":
        problems.append("DATABASE_URL does not point at PostgreSQL")
    elif not _reachable(os.environ["DATABASE_URL"], 5432):
        problems.append("PostgreSQL is unreachable")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    elif not _reachable(settings.REDIS_URL, 6379):
        problems.append("Redis is unreachable")
    if problems:
        raise pytest.UsageError("ASTNET_REQUIRE_SERVICES=1 but " + "; ".join(problems))


@pytest.fixture(autouse=True)
def reads_from_the_primary(request, monkeypatch):
    """Rows a test writes live in its own transaction on the primary, which a replica connection
    cannot see; only the router's own tests (marked `replica`) read through the replica alias."""
    if "replica" not in request.keywords:
        monkeypatch.setattr("astnet.db_router.replica_configured", lambda: False)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: with Redis configured, cached figures would otherwise
    outlive the rows of the test that cached them."""
    from django.core.cache import cache

    cache.clear()
    _municipality_as_cached()
    yield
    cache.clear()


def _municipality_as_cached() -> None:
    """In production the municipality record is read from the shared cache, not the database, on
    nearly every request; the tests start from that state (the test database holds no record, so
    the neutral words). Saving a record clears the key, so a test that sets one reads it back."""
    from django.core.cache import cache

    from astnet.models import MUNICIPALITY_CACHE_KEY, Municipality
    from astnet.municipality import CACHE_SECONDS, NEUTRAL

    cache.set(MUNICIPALITY_CACHE_KEY, Municipality(pk=1, **NEUTRAL), CACHE_SECONDS)


@pytest.fixture(autouse=True)
def scopes_built_afresh():
    """Each test builds its users' scopes afresh: ids come round again after a rollback (SQLite),
    and some tests count or replace the rules' calls."""
    from astnet import scope_cache

    scope_cache.clear()
    yield
    scope_cache.clear()


@pytest.fixture(autouse=True)
def tasks_in_process():
    """Tasks run in the test's own process and transaction, with Redis configured or not; the
    tests that start a real worker (test_celery_worker, test_report_worker) switch this off."""
    from astnet.celery import app

    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates
    # A Celery app a test creates becomes the current one unless told otherwise; the shared tasks
    # would then bind to it and every later test would send its tasks to its default broker.
    from celery import current_app

    assert current_app == app, "a test made another Celery app current"


def needs_postgresql():
    """Skip where PostgreSQL is absent, unless CI requires it (then the session check fails)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def needs_redis():
    if not settings.REDIS_URL:
        pytest.skip("needs Redis (set REDIS_URL)")


@dataclass
class World:
    amager: object
    norrebro: object
    nabo: object
    kompasset: object
    griffen: object
    council: object
    staff: object
    leader: object
    council_member: object
    peer_mentor: object
    administration: object
    dpo: object
    coordinator: object

    def persona(self, role: str):
        return {
            Role.STAFF: self.staff,
            Role.LEADER: self.leader,
            Role.COUNCIL_MEMBER: self.council_member,
            Role.PEER_MENTOR: self.peer_mentor,
            Role.ADMINISTRATION: self.administration,
            Role.DATA_PROTECTION_OFFICER: self.dpo,
            Role.TRAINING_COORDINATOR: self.coordinator,
        }[role]


@pytest.fixture
def world(db) -> World:
    f.copenhagen()
    amager = f.DistrictFactory(name="Center Amager", slug="amager")
    norrebro = f.DistrictFactory(name="Center Nørrebro", slug="norrebro")
    nabo = f.OfferFactory(name="Nabo", slug="nabo", district=amager)
    kompasset = f.OfferFactory(name="Kompasset", slug="kompasset", district=amager)
    griffen = f.OfferFactory(name="Griffenfeldsgade 35", slug="griffen", district=norrebro)
    council = f.CouncilFactory(name="Brugerrådet i Nabo", offer=nabo)
    return World(
        amager=amager,
        norrebro=norrebro,
        nabo=nabo,
        kompasset=kompasset,
        griffen=griffen,
        council=council,
        staff=f.member(Role.STAFF, offer=nabo, username="mette", first_name="Mette"),
        leader=f.member(Role.LEADER, district=amager, username="lars", first_name="Lars"),
        council_member=f.member(
            Role.COUNCIL_MEMBER, council=council, username="rikke", first_name="Rikke"
        ),
        peer_mentor=f.member(Role.PEER_MENTOR, username="peter", first_name="Peter"),
        administration=f.member(Role.ADMINISTRATION, username="anna", first_name="Anna"),
        dpo=f.member(Role.DATA_PROTECTION_OFFICER, username="dorte", first_name="Dorte"),
        coordinator=f.member(Role.TRAINING_COORDINATOR, username="karen", first_name="Karen"),
    )
