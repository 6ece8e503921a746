"""Logging in through the real form, landing on the role's home page, and lockout."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from astnet.models import AuditEvent, Role
from tests.factories import TEST_PASSWORD

HOMES = {
    Role.STAFF: ("home_staff", "Nabo"),
    Role.LEADER: ("home_leader", "Center Amager"),
    Role.COUNCIL_MEMBER: ("home_council", "Brugerrådet i Nabo"),
    Role.PEER_MENTOR: ("home_peer", "Peer-vejleder"),
    Role.ADMINISTRATION: ("home_administration", "Center Nørrebro"),
    Role.DATA_PROTECTION_OFFICER: ("home_dpo", "Audit-log"),
}


def login(client, username, password=TEST_PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password}, follow=True)


@pytest.mark.parametrize("role", list(HOMES))
def test_each_role_logs_in_through_the_form_and_lands_on_its_home(client, world, role):
    user = world.persona(role)
    url_name, expected_text = HOMES[role]

    response = login(client, user.username)

    assert response.redirect_chain[-1][0] == reverse(url_name)
    assert response.status_code == 200
    assert expected_text in response.content.decode()
    assert AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.LOGIN).exists()


def test_login_page_is_danish(client, db):
    page = client.get(reverse("login")).content.decode()
    assert 'lang="da"' in page
    assert "Brugernavn" in page
    assert "Adgangskode" in page


def test_wrong_password_is_refused_counted_and_audited_without_the_username(client, world):
    response = login(client, world.staff.username, "forkert")

    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    attempt = AccessAttempt.objects.get(username=world.staff.username)
    assert attempt.failures_since_start == 1
    failed = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert world.staff.username not in failed.detail


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, world.staff.username, "forkert")

    response = login(client, world.staff.username)

    assert response.status_code == 429
    assert "spærret" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_ends_after_thirty_idle_minutes(settings):
    # Renewed by IdleAwareSessionMiddleware at most once a minute, not written on every request.
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert "astnet.middleware.IdleAwareSessionMiddleware" in settings.MIDDLEWARE


def test_passwords_are_hashed_with_argon2_in_production():
    from astnet import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logout_ends_the_session(client, world):
    client.force_login(world.staff)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert client.get(reverse("home_staff")).status_code == 302


def test_the_language_can_be_switched_to_english(client, db):
    page = client.get(reverse("login")).content.decode()
    assert 'value="en"' in page

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})

    assert response.status_code == 302
    english = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in english
    assert "Username" in english
    assert "Brugernavn" not in english


def test_an_english_browser_still_gets_danish_until_english_is_chosen(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert 'lang="da"' in page


def test_a_form_narrowing_its_choices_after_init_still_validates():
    from django import forms

    from astnet.forms import DkfdsFormMixin

    class Narrowing(DkfdsFormMixin, forms.Form):
        colour = forms.ChoiceField(choices=[], help_text="Vælg")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["colour"].choices = [("blaa", "Blå")]

    good = Narrowing({"colour": "blaa"})
    bad = Narrowing({"colour": "roed"})

    assert good.is_valid()
    assert not bad.is_valid()
    assert bad.fields["colour"].widget.attrs["aria-invalid"] == "true"
    assert bad.fields["colour"].widget.attrs["aria-describedby"] == "id_colour-hint id_colour-error"
