"""Leaders, administration and the data-protection officer confirm a TOTP code after the password."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from astnet.models import Role
from tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def require_otp(settings):
    settings.REQUIRE_OTP = True


def login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMINISTRATION, Role.DATA_PROTECTION_OFFICER])
def test_roles_with_wide_access_must_set_up_a_second_factor(client, world, role):
    login(client, world.persona(role))

    home = client.get(reverse("home"), follow=True)
    assert home.redirect_chain[-1][0] == reverse("second_factor_setup")
    assert "Opsæt login med kode" in home.content.decode()


def test_a_correct_code_confirms_the_device_and_opens_the_home_page(client, world):
    login(client, world.leader)
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=world.leader)

    response = client.post(reverse("second_factor_setup"), {"token": code(device)}, follow=True)

    device.refresh_from_db()
    assert device.confirmed
    assert response.redirect_chain[-1][0] == reverse("home_leader")


def test_a_wrong_code_is_refused_in_danish_and_confirms_nothing(client, world):
    login(client, world.leader)
    client.get(reverse("second_factor_setup"))

    response = client.post(reverse("second_factor_setup"), {"token": "000000"})

    assert "Koden passer ikke" in response.content.decode()
    assert not TOTPDevice.objects.get(user=world.leader).confirmed
    assert client.get(reverse("home_leader")).status_code == 302


def test_next_login_asks_for_the_code_of_the_confirmed_device(client, world):
    device = TOTPDevice.objects.create(user=world.administration, name="astnet", confirmed=True)
    login(client, world.administration)

    assert client.get(reverse("home_administration"))["Location"] == reverse("second_factor_verify")
    response = client.post(reverse("second_factor_verify"), {"token": code(device)})
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home_administration")).status_code == 200


def test_staff_are_not_asked_for_a_second_factor(client, world):
    login(client, world.staff)
    assert client.get(reverse("home_staff")).status_code == 200
