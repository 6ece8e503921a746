"""Danish formats everywhere (issue 20): dates as "1. okt. 2026" and numbers as "12.345" through one
function each, and no template or module writing a date its own way."""

import datetime
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from astnet.formats import format_date, format_number

ROOT = Path(__file__).resolve().parents[2]
# Formats machines read (ids, ISO dates for inputs, timestamps): not shown to people.
MACHINE_FORMATS = {"Ymd", "Y-m-d", "U", "c"}
APPS = ["astnet", "offers", "citizens", "peers", "workshops"]


def test_dates_read_as_people_here_write_them():
    day = datetime.date(2026, 10, 1)
    at = datetime.datetime(2026, 5, 21, 12, 30, tzinfo=datetime.UTC)

    assert format_date(day) == "1. okt. 2026"
    assert format_date(datetime.date(2026, 9, 21)) == "21. sep. 2026"
    assert format_date(datetime.date(2026, 5, 3)) == "3. maj 2026"
    assert format_date(day, weekday=True) == "torsdag 1. okt. 2026"
    assert format_date(day, year=False) == "1. okt."
    assert format_date(at, time=True) == "21. maj 2026 kl. 14.30"  # Copenhagen summer time
    assert format_date(day, month=True) == "oktober 2026"
    assert format_date(None) == ""


def test_every_month_is_named_as_django_names_it_in_danish():
    """The month names are written out for speed; Django's Danish translation is the reference."""
    from django.utils import formats

    with translation.override("da"):
        for month in range(1, 13):
            day = datetime.date(2026, month, 1)
            assert format_date(day, month=True) == formats.date_format(day, "F Y")


def test_numbers_have_danish_separators():
    assert format_number(12345) == "12.345"
    assert format_number(1234567) == "1.234.567"
    assert format_number(3.5) == "3,5"
    assert format_number(2.0) == "2"
    assert format_number(1234.25, 2) == "1.234,25"
    assert format_number(None) == "–"


def test_the_filters_are_built_into_every_template():
    rendered = Template("{{ day|danish_date }} · {{ count|number }}").render(
        Context({"day": datetime.date(2026, 10, 1), "count": 20000})
    )

    assert rendered == "1. okt. 2026 · 20.000"


def test_english_gets_djangos_own_formats():
    with translation.override("en"):
        assert format_date(datetime.date(2026, 10, 1)) == "1 Oct 2026"
        assert format_number(12345) == "12,345"


def test_no_template_formats_a_date_for_people_by_hand():
    by_hand = []
    for path in (ROOT / "templates").rglob("*.html"):
        for match in re.finditer(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if match[1] not in MACHINE_FORMATS:
                by_hand.append(f"{path.relative_to(ROOT)}: {match[0]}")
    assert by_hand == []


def test_no_module_formats_a_date_for_people_by_hand():
    by_hand = []
    paths = [path for app in APPS for path in (ROOT / app).rglob("*.py")]
    for path in paths:
        text = path.read_text()
        if re.search(r"%d\.%m\.%Y|date_format\(", text) and path.name != "formats.py":
            by_hand.append(str(path.relative_to(ROOT)))
    assert by_hand == []
