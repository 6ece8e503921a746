"""Login through the municipality's identity provider: matching, roles, refusals, lockout, logout,
refresh and configuration (issue 17). The whole journey against a real provider is in
tests/e2e/test_municipal_login.py; these tests pin each rule on its own."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from astnet import oidc
from astnet.models import Membership, ProviderIdentity, Role

MAPPING = {
    "AST-Nabo": [{"role": "staff", "offer": "nabo"}],
    "Ledere-Amager": [{"role": "leader", "district": "amager"}],
}


@pytest.fixture
def configured(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "astnet"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.kk.example/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.kk.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.kk.example/me"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.kk.example/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.kk.example/session/end"
    settings.OIDC_GROUP_MEMBERSHIPS = MAPPING
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "astnet.oidc.MembershipOIDCBackend",
    ]
    return settings


def claims(sub="kk-1", groups=("AST-Nabo",), **extra):
    return {"sub": sub, "groups": list(groups), **extra}


def test_a_mapped_user_is_created_with_the_mapped_membership(world, configured):
    user, refusal = oidc.sign_in(claims(email="ny@kk.example", email_verified=True))
    assert refusal is None
    assert ProviderIdentity.objects.get(subject="kk-1").user == user
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.offer, membership.from_identity_provider) == (
        Role.STAFF,
        world.nabo,
        True,
    )


def test_users_are_matched_on_sub_not_on_a_changed_email(world, configured):
    first, _ = oidc.sign_in(claims(email="a@kk.example", email_verified=True))
    again, _ = oidc.sign_in(claims(email="b@kk.example", email_verified=True))
    assert again == first


def test_an_unverified_email_never_links_to_an_existing_user(world, configured):
    world.leader.email = "lars@kk.example"
    world.leader.save()
    user, _refusal = oidc.sign_in(
        claims(email="lars@kk.example", email_verified=False, groups=["AST-Nabo"])
    )
    assert user != world.leader
    assert not ProviderIdentity.objects.filter(user=world.leader).exists()


def test_a_verified_email_links_the_existing_user_once(world, configured):
    world.leader.email = "lars@kk.example"
    world.leader.save()
    user, refusal = oidc.sign_in(
        claims(email="LARS@kk.example", email_verified=True, groups=["Ledere-Amager"])
    )
    assert (user, refusal) == (world.leader, None)
    assert world.leader.provider_identity.subject == "kk-1"
    # Another sub with the same address cannot take the linked user over.
    other, _ = oidc.sign_in(
        claims(sub="kk-2", email="lars@kk.example", email_verified=True, groups=[])
    )
    assert other is None


def test_roles_follow_the_groups_claim_at_every_login_and_local_ones_stay(world, configured):
    user, _ = oidc.sign_in(claims(groups=["AST-Nabo", "Ledere-Amager"]))
    Membership.objects.create(user=user, role=Role.PEER_MENTOR)  # given in astnet itself
    assert set(user.memberships.values_list("role", flat=True)) == {
        Role.STAFF,
        Role.LEADER,
        Role.PEER_MENTOR,
    }

    oidc.sign_in(claims(groups=["Ledere-Amager"]))

    assert set(user.memberships.values_list("role", flat=True)) == {Role.LEADER, Role.PEER_MENTOR}


def test_a_user_with_no_role_is_refused_and_not_created_at_every_login(world, configured):
    for _attempt in range(2):
        assert oidc.sign_in(claims(groups=["Borgerservice"])) == (None, oidc.NO_ROLE)
    assert not ProviderIdentity.objects.exists()


def test_a_user_whose_groups_are_taken_away_loses_access(world, configured):
    oidc.sign_in(claims())
    assert oidc.sign_in(claims(groups=[])) == (None, oidc.NO_ROLE)


def test_the_refusal_page_is_danish_and_says_whom_to_ask(client, db, configured):
    configured.OIDC_ACCESS_CONTACT = "AST-sekretariatet"
    page = oidc.refusal_page(client.get("/").wsgi_request, oidc.NO_ROLE).content.decode()
    assert "Du har ikke adgang til astnet" in page
    assert "Spørg AST-sekretariatet om at få adgang." in page


def provider_answers(monkeypatch, userinfo):
    """The provider's token and userinfo answers, as mozilla-django-oidc would receive them."""
    backend = oidc.MembershipOIDCBackend
    monkeypatch.setattr(
        backend, "get_token", lambda self, payload: {"id_token": "i", "access_token": "a"}
    )
    monkeypatch.setattr(backend, "verify_token", lambda self, token, **kw: {"sub": userinfo["sub"]})
    monkeypatch.setattr(backend, "get_userinfo", lambda self, *args: userinfo)


def callback(client):
    session = client.session
    session["oidc_states"] = {"s": {"nonce": "n", "code_verifier": None}}
    session.save()
    return client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": "s"})


def test_failed_provider_logins_never_lock_anyone_out(client, world, configured, monkeypatch):
    provider_answers(monkeypatch, claims(sub="kk-9", groups=["Borgerservice"]))
    for _attempt in range(configured.AXES_FAILURE_LIMIT + 2):
        response = callback(client)
        assert response.status_code == 403
        assert "Du har ikke adgang til astnet" in response.content.decode()
    assert not AccessAttempt.objects.exists()

    provider_answers(monkeypatch, claims(sub="kk-10"))
    assert callback(client).status_code == 302
    assert client.session["_auth_user_id"] == str(
        ProviderIdentity.objects.get(subject="kk-10").user_id
    )


def test_password_failures_still_count(client, world):
    client.post(reverse("login"), {"username": world.staff.username, "password": "forkert"})
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_log_out_ends_the_providers_session_too(client, world, configured):
    client.force_login(world.staff, backend="astnet.oidc.MembershipOIDCBackend")
    session = client.session
    session["oidc_id_token"] = "the.id.token"
    session.save()

    response = client.post(reverse("logout"))

    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == configured.OIDC_OP_LOGOUT_ENDPOINT
    query = parse_qs(target.query)
    assert query["id_token_hint"] == ["the.id.token"]
    assert query["post_logout_redirect_uri"] == ["http://testserver/login/"]
    assert "_auth_user_id" not in client.session


def test_a_password_login_logs_out_locally_only(client, world, configured):
    client.force_login(world.staff)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def expire_refresh(client):
    session = client.session
    session["oidc_id_token_expiration"] = time.time() - 1
    session.save()


def test_a_provider_session_is_refreshed_after_the_interval(client, world, configured):
    assert configured.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS <= 5 * 60
    client.force_login(world.staff, backend="astnet.oidc.MembershipOIDCBackend")
    expire_refresh(client)

    # htmx cannot follow a redirect to the provider: it is left for the next page load.
    assert client.get(reverse("home_staff"), HTTP_HX_REQUEST="true").status_code == 200
    response = client.get(reverse("home_staff"))

    assert response.status_code == 302
    refresh = urlsplit(response["Location"])
    assert refresh.netloc == "login.kk.example"
    assert parse_qs(refresh.query)["prompt"] == ["none"]


def test_a_password_session_is_never_sent_to_the_provider(client, world, configured):
    client.force_login(world.staff, backend="django.contrib.auth.backends.ModelBackend")
    expire_refresh(client)
    assert client.get(reverse("home_staff")).status_code == 200


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"OIDC_RP_CLIENT_SECRET": ""}, "OIDC_RP_CLIENT_SECRET is not set"),
        ({"OIDC_OP_LOGOUT_ENDPOINT": ""}, "OIDC_OP_LOGOUT_ENDPOINT is not set"),
        ({"OIDC_OP_JWKS_ENDPOINT": ""}, "OIDC_OP_JWKS_ENDPOINT is needed for RS256"),
        ({"OIDC_OP_TOKEN_ENDPOINT": "http://login.kk.example/token"}, "must use https"),
        ({"OIDC_GROUP_MEMBERSHIPS": {"x": [{"role": "staff"}]}}, "takes exactly offer"),
        ({"OIDC_GROUP_MEMBERSHIPS": {"x": [{"role": "chef"}]}}, "unknown role"),
        ({"OIDC_GROUP_MEMBERSHIPS": {}}, "nobody would get a role"),
    ],
)
def test_a_misconfiguration_is_caught_by_the_system_check(configured, change, problem):
    for name, value in change.items():
        setattr(configured, name, value)
    with pytest.raises(SystemCheckError, match=problem):
        call_command("check")


def test_a_good_configuration_passes_the_system_check(configured):
    call_command("check")


def test_a_misconfigured_login_is_a_danish_page_not_a_500(client, db, configured):
    configured.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 503
    assert "Kommunens login virker ikke lige nu" in response.content.decode()


def test_a_callback_with_an_unknown_state_is_a_danish_page_not_a_400(client, db, configured):
    session = client.session
    session["oidc_states"] = {"known": {"nonce": "n", "code_verifier": None}}
    session.save()
    response = client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": "forged"})
    assert response.status_code == 400
    assert "Kommunens login virker ikke lige nu" in response.content.decode()


def test_when_login_through_the_provider_is_off_its_urls_do_not_exist(client, db):
    for name in ("oidc_authentication_init", "oidc_authentication_callback"):
        response = client.get(reverse(name))
        assert response.status_code == 404
        assert "Siden findes ikke" in response.content.decode()
