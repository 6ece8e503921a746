"""The half-hour idle timeout, renewed at most once a minute instead of on every request
(issue 22): the session row is written when a minute has passed, not otherwise."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from astnet import middleware


def _session_writes(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    return now


@pytest.mark.django_db
def test_requests_within_a_minute_do_not_write_the_session(client, world, clock):
    client.force_login(world.staff)
    url = reverse("home_staff")
    client.get(url)
    expiry = _expiry(client)

    clock[0] += middleware.SESSION_REFRESH_SECONDS - 1
    assert _session_writes(client, url) == []
    assert _expiry(client) == expiry


@pytest.mark.django_db
def test_a_request_a_minute_later_renews_the_half_hour(client, world, clock):
    client.force_login(world.staff)
    url = reverse("home_staff")
    client.get(url)
    expiry = _expiry(client)

    clock[0] += middleware.SESSION_REFRESH_SECONDS
    assert _session_writes(client, url)
    assert _expiry(client) > expiry


@pytest.mark.django_db
def test_a_public_page_without_a_login_reads_no_session(client, world):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("offers_public:programme")).status_code == 200
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]
    assert "sessionid" not in client.cookies


@pytest.mark.django_db
def test_a_background_poll_does_not_renew_the_half_hour(client, world, clock):
    client.force_login(world.staff)
    url = reverse("home_staff")
    client.get(url)
    expiry = _expiry(client)

    clock[0] += middleware.SESSION_REFRESH_SECONDS * 5
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_X_BACKGROUND_POLL="1").status_code == 200
    assert not [q for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert _expiry(client) == expiry
