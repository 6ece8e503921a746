"""Danish formats for dates and numbers, one place for every page, PDF and chart (issue 20).

Dates read "1. okt. 2026" (Dansk Sprognævn's abbreviations: "maj", "juni" and "juli" are short
enough already), numbers "12.345" and "3,5". Other languages get Django's own formats.
"""

import datetime
from decimal import Decimal

from django.utils import formats, timezone, translation

MONTHS_SHORT = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "juni",
    "juli",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
OPTIONS = {"weekday", "no_year", "time", "month"}


def _danish() -> bool:
    return (translation.get_language() or "da").split("-")[0] == "da"


def format_date(
    value: datetime.date | datetime.datetime | None,
    *,
    weekday: bool = False,
    year: bool = True,
    time: bool = False,
    month: bool = False,
) -> str:
    """A date (or an aware datetime, shown in local time) as people here write it.

    "1. okt. 2026"; with `weekday` "torsdag 1. okt. 2026"; without `year` "1. okt."; with `time`
    "1. okt. 2026 kl. 14.30"; `month` alone gives "oktober 2026". None gives "".
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not _danish():
        pattern = "F Y" if month else ("D " if weekday else "") + "j M" + (" Y" if year else "")
        if time and isinstance(value, datetime.datetime):
            pattern += " H:i"
        return formats.date_format(value, pattern)
    if month:
        # Written out here, not through date_format: a citizen's page shows two dozen months.
        return f"{MONTHS[value.month - 1]} {value.year}"
    text = f"{value.day}. {MONTHS_SHORT[value.month - 1]}"
    if year:
        text += f" {value.year}"
    if weekday:
        text = f"{WEEKDAYS[value.weekday()]} {text}"
    if time and isinstance(value, datetime.datetime):
        text += f" kl. {value:%H.%M}"
    return text


def format_number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """12345 → "12.345", 3.5 → "3,5" (Danish separators); None gives "–".

    `decimals` fixes the number of decimals; by default a float gets one and an int none.
    """
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if isinstance(value, int) or float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if not _danish():
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
