"""CPR numbers: validated by their date part, stored encrypted, found by a keyed hash, shown masked."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from citizens import cpr


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("010190-1234", "0101901234"), ("0101901234", "0101901234"), (" 290200-4000 ", "2902004000")],
)
def test_it_accepts_a_real_date_with_or_without_hyphen(typed, stored):
    assert cpr.normalise(typed) == stored


@pytest.mark.parametrize("typed", ["320190-1234", "011390-1234", "290201-4000", "000000-0000"])
def test_it_rejects_an_impossible_date_part_in_danish(typed):
    with pytest.raises(ValidationError) as refusal:
        cpr.normalise(typed)
    assert "gyldig dato" in refusal.value.messages[0]


@pytest.mark.parametrize("typed", ["12345", "abcdefghij", "010190-12345", ""])
def test_it_rejects_anything_but_ten_digits(typed):
    with pytest.raises(ValidationError) as refusal:
        cpr.normalise(typed)
    assert "10 cifre" in refusal.value.messages[0]


def test_the_seventh_digit_decides_the_century():
    # 29 February 2000 exists; 29 February 1900 does not.
    assert cpr.normalise("290200-4000")
    with pytest.raises(ValidationError):
        cpr.normalise("290200-0000")


def test_it_masks_all_but_the_date_part():
    assert cpr.mask("0101901234") == "010190-XXXX"


def test_it_encrypts_so_the_number_is_not_in_the_stored_text():
    token = cpr.encrypt("0101901234")
    assert "0101901234" not in token
    assert cpr.decrypt(token) == "0101901234"


def test_the_lookup_hash_is_stable_and_keyed(settings):
    first = cpr.lookup_hash("0101901234")
    assert first == cpr.lookup_hash("0101901234")
    assert first != cpr.lookup_hash("0101901235")
    settings.CPR_HASH_KEY = "another-key"
    assert cpr.lookup_hash("0101901234") != first


def test_it_refuses_to_work_without_keys_in_production(settings, monkeypatch):
    settings.DEBUG = False
    settings.CPR_ENCRYPTION_KEY = ""
    settings.CPR_HASH_KEY = ""
    monkeypatch.delenv("PYTEST_VERSION", raising=False)
    with pytest.raises(ImproperlyConfigured, match="CPR_ENCRYPTION_KEY"):
        cpr.encrypt("0101901234")
    with pytest.raises(ImproperlyConfigured, match="CPR_HASH_KEY"):
        cpr.lookup_hash("0101901234")


def test_it_uses_the_configured_key(settings):
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    settings.CPR_ENCRYPTION_KEY = key
    token = cpr.encrypt("0101901234")
    assert Fernet(key.encode()).decrypt(token.encode()) == b"0101901234"


def test_a_citizen_is_found_by_cpr_number_within_scope_only(world):
    from citizens.services import citizen_cpr_match as citizen_find_by_cpr
    from citizens.services import citizen_create

    own = citizen_create(
        by=world.staff, chosen_name="Ib", home_offers=[world.nabo], cpr_number="010190-1234"
    )
    citizen_create(
        by=world.staff, chosen_name="Åse", home_offers=[world.griffen], cpr_number="020290-1234"
    )

    assert citizen_find_by_cpr(by=world.staff, number="0101901234") == own
    assert citizen_find_by_cpr(by=world.staff, number="020290-1234") is None
    with pytest.raises(ValidationError):
        citizen_find_by_cpr(by=world.staff, number="999999-1234")
