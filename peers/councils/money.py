"""Amounts in øre, shown the Danish way (1.234,50 kr.)."""

import re
from decimal import Decimal, InvalidOperation

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def kroner(ore: int | None) -> str:
    ore = int(ore or 0)
    sign = "-" if ore < 0 else ""
    whole, part = divmod(abs(ore), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{part:02d} kr."


def parse_kroner(text: str) -> int | None:
    """'1.234,50', '1234.5' or '1234' → øre; None when it is not an amount."""
    cleaned = text.strip().lower().removesuffix("kr.").removesuffix("kr").strip().replace(" ", "")
    if "," in cleaned or _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value.as_tuple().exponent < -2:
        return None
    return int(value * 100)
