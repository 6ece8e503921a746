"""CPR numbers: validated, stored encrypted (Fernet), found by a keyed hash, shown masked.

A CPR number is stored only when a referred course needs it. It never goes into logs, exports,
reports or audit details; the only readable form outside this module is the masked one.
"""

import base64
import datetime
import hashlib
import hmac
import os
import re

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

_CPR_PATTERN = re.compile(r"^(\d{6})-?(\d{4})$")


def _century(year_digits: int, seventh_digit: int) -> int:
    """The CPR office's rule: the 7th digit and the two year digits give the century."""
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year_digits <= 36 else 1900
    return 2000 if year_digits <= 57 else 1800


def normalise(value: str) -> str:
    """Ten digits without the hyphen, or ValidationError in Danish. The date part must be a real
    date; the modulus-11 check is not used, since numbers issued after 2007 need not pass it."""
    match = _CPR_PATTERN.match((value or "").strip().replace(" ", ""))
    if not match:
        raise ValidationError(_("Et CPR-nummer har 10 cifre, fx 010190-1234."), code="cpr_format")
    date_part, serial = match.groups()
    day, month, year = int(date_part[:2]), int(date_part[2:4]), int(date_part[4:])
    try:
        datetime.date(_century(year, int(serial[0])) + year, month, day)
    except ValueError as error:
        raise ValidationError(
            _("CPR-nummerets første seks cifre er ikke en gyldig dato (DDMMÅÅ)."),
            code="cpr_date",
        ) from error
    return date_part + serial


def mask(number: str) -> str:
    """DDMMYY-XXXX: the date part only, as the citizen page shows it."""
    return f"{number[:6]}-XXXX"


def _may_derive_keys() -> bool:
    # pytest sets PYTEST_VERSION while it runs; a production server runs with DEBUG off.
    return settings.DEBUG or "PYTEST_VERSION" in os.environ


def _key(setting: str, purpose: bytes) -> bytes:
    configured = getattr(settings, setting, "")
    if configured:
        return configured.encode()
    if not _may_derive_keys():
        raise ImproperlyConfigured(
            f"{setting} must be set to store CPR numbers (generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)."
        )
    # Development and tests only: a stable key derived from SECRET_KEY.
    digest = hashlib.sha256(purpose + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet() -> Fernet:
    try:
        return Fernet(_key("CPR_ENCRYPTION_KEY", b"astnet-cpr-encryption:"))
    except ValueError as error:
        raise ImproperlyConfigured(
            "CPR_ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64-encoded bytes)."
        ) from error


def encrypt(number: str) -> str:
    return _fernet().encrypt(number.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "CPR_ENCRYPTION_KEY does not open the stored CPR numbers."
        ) from error


def lookup_hash(number: str) -> str:
    """A keyed hash: equal numbers give equal hashes, but nobody without the key can test guesses."""
    key = _key("CPR_HASH_KEY", b"astnet-cpr-hash:")
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()
