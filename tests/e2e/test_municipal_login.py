"""Municipal login against a real OpenID Provider (npm `oidc-provider`, tests/e2e/oidc_provider.mjs)
started on 127.0.0.1 with test users (issue 17)."""

import copy
import json
import os
import re
import shutil
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from astnet.models import Membership, ProviderIdentity, Role

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
USERS = {
    "mette.kk": {
        "sub": "kk-4711",
        "password": "Rigtig-Kode-1",
        "email": "mette@kk.example",
        "email_verified": True,
        "given_name": "Mette",
        "family_name": "Madsen",
        "groups": ["AST-Nabo"],
    },
    "ulla.kk": {
        "sub": "kk-4712",
        "password": "Rigtig-Kode-2",
        "email": "ulla@kk.example",
        "email_verified": True,
        "given_name": "Ulla",
        "family_name": "Uden",
        "groups": ["Borgerservice"],
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def provider(live_server, settings):
    """The provider on a spare port, and astnet configured to use it."""
    if not shutil.which("node") or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        if os.environ.get("ASTNET_REQUIRE_SERVICES") == "1":
            pytest.fail("node or the npm package oidc-provider is missing (npm ci)")
        pytest.skip("node or the npm package oidc-provider is missing")
    port = _free_port()
    process = subprocess.Popen(
        ["node", str(ROOT / "tests" / "e2e" / "oidc_provider.mjs")],
        cwd=ROOT,
        env={
            **os.environ,
            "OIDC_TEST_PORT": str(port),
            "OIDC_TEST_RP": live_server.url,
            "OIDC_TEST_USERS": json.dumps(USERS),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout.readline().startswith("ready"), "the provider did not start"
    issuer = f"http://127.0.0.1:{port}"
    settings.OIDC_ENABLED = True
    settings.OIDC_ALLOW_HTTP = True
    settings.OIDC_RP_CLIENT_ID = "astnet"
    settings.OIDC_RP_CLIENT_SECRET = "astnet-test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{issuer}/session/end"
    settings.OIDC_GROUP_MEMBERSHIPS = {"AST-Nabo": [{"role": "staff", "offer": "nabo"}]}
    settings.OIDC_ACCESS_CONTACT = "AST-sekretariatet (ast@kk.example)"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(issuer)  # as settings.py does for the provider
    settings.CONTENT_SECURITY_POLICY = policy
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "astnet.oidc.MembershipOIDCBackend",
    ]
    yield issuer
    process.terminate()
    process.wait(timeout=20)


def log_in_at_provider(page, login):
    expect(page.get_by_role("heading", name="Kommunens login (test)")).to_be_visible()
    page.get_by_label("Brugernavn").fill(login)
    page.get_by_label("Adgangskode").fill(USERS[login]["password"])
    page.get_by_role("button", name="Log ind hos kommunen").click()


def test_mapped_staff_logs_in_lands_on_the_roster_and_logs_out_at_the_provider_too(
    page, world, provider, assert_accessible
):
    page.goto("/borgere/i-dag/")
    page.wait_for_url(re.compile(r"/login/\?next="))
    page.get_by_role("link", name="Log ind med kommunens login").click()
    log_in_at_provider(page, "mette.kk")

    expect(page.get_by_role("heading", level=1)).to_have_text("I dag på Nabo")
    assert_accessible(page)
    identity = ProviderIdentity.objects.get(subject="kk-4711")
    assert Membership.objects.get(user=identity.user, role=Role.STAFF).offer == world.nabo

    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login/")
    page.get_by_role("link", name="Log ind med kommunens login").click()

    # The provider's session ended with ours: it asks for the password again.
    expect(page.get_by_label("Adgangskode")).to_be_visible()
    expect(page.get_by_label("Adgangskode")).to_have_value("")


def test_a_user_the_provider_knows_but_astnet_gives_no_role_gets_the_danish_page(
    page, world, provider, assert_accessible
):
    for _attempt in range(2):  # the second login used to answer 500
        page.goto("/login/")
        page.get_by_role("link", name="Log ind med kommunens login").click()
        if page.get_by_label("Adgangskode").count():
            log_in_at_provider(page, "ulla.kk")
        expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke adgang til astnet")
        expect(
            page.get_by_text("Spørg AST-sekretariatet (ast@kk.example) om at få adgang.")
        ).to_be_visible()
    assert_accessible(page)
    assert not ProviderIdentity.objects.filter(subject="kk-4712").exists()


def test_a_user_disabled_at_the_provider_loses_access_at_the_next_refresh(
    page, world, provider, settings
):
    page.goto("/login/")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    log_in_at_provider(page, "mette.kk")
    page.wait_for_url("**/hjem/medarbejder/")

    disable = urllib.request.Request(f"{provider}/test/disable?sub=kk-4711", method="POST")  # noqa: S310 - the local test provider
    urllib.request.urlopen(disable, timeout=10).close()  # noqa: S310
    settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = 0  # the refresh interval has passed
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        data = session.get_decoded()
        data["oidc_id_token_expiration"] = 0
        Session.objects.filter(pk=session.pk).update(session_data=Session.objects.encode(data))

    page.goto("/borgere/i-dag/")
    page.wait_for_url(re.compile(r"/login/"))
    page.goto("/hjem/medarbejder/")
    page.wait_for_url(re.compile(r"/login/\?next="))
