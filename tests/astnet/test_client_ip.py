"""The client's address behind the load balancer, for lockout and the audit log (issue 17)."""

import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from astnet.models import AuditEvent
from astnet.network import client_ip
from tests.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"


def request(remote="10.0.0.2", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no proxy configured: the header is the client's own words
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # a forged entry on the left
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # fewer entries than proxies: it bypassed them
        (1, None, PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request(forwarded=forwarded)) == expected


def login_via_proxy(client, username, password, address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_failures_from_one_client_do_not_lock_the_person_out_elsewhere(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login_via_proxy(client, world.staff.username, "forkert", "198.51.100.66")
    assert (
        login_via_proxy(client, world.staff.username, TEST_PASSWORD, "198.51.100.66").status_code
        == 429
    )

    response = login_via_proxy(client, world.staff.username, TEST_PASSWORD, "203.0.113.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.staff.pk)


def test_the_audit_log_records_the_client_not_the_proxy(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    login_via_proxy(client, world.staff.username, TEST_PASSWORD, "203.0.113.7")
    event = AuditEvent.objects.get(actor=world.staff, action=AuditEvent.Action.LOGIN)
    assert event.ip_address == "203.0.113.7"


def test_only_the_shared_function_reads_the_client_address():
    readers = [
        path.relative_to(ROOT)
        for app in ("astnet", "offers", "citizens", "peers", "workshops")
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"REMOTE_ADDR|X_FORWARDED_FOR|X-Forwarded-For", path.read_text())
    ]
    assert readers == [Path("astnet/network.py")]
