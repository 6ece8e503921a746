"""The municipality is data, not code (issue 21): no template and no module outside the demo data,
the migrations and the tests names Copenhagen, its administration or one of its districts."""

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OFFERS_2016 = Path("/work/shared/offers-2016.csv")
SKIPPED_DIRS = {".venv", "node_modules", "var", "tests", "migrations", ".git", "static", "locale"}
SKIPPED = [ROOT / "astnet" / "demo"]
# The IANA time zone's name is not a municipality's: every Danish installation uses it (and
# offers/calendar.py writes it into the feeds as a VTIMEZONE).
ALLOWED = re.compile(r"Europe/Copenhagen|copenhagen_vtimezone")
# The districts of the demo's 2016 plan, as named there and by slug.
DISTRICTS = ["Center City", "Nørrebro", "Norrebro", "Amager", "Nordvest"]


def _copenhagen_names() -> list[str]:
    names = {"København", "Københavns", "Copenhagen", "Socialforvaltningen", *DISTRICTS}
    if OFFERS_2016.exists():
        with OFFERS_2016.open(encoding="utf-8") as rows:
            names |= {row["district"] for row in csv.DictReader(rows)} - {"City"}
    return sorted(names)


def _sources() -> list[Path]:
    found = []
    for pattern in ("*.py", "*.html", "*.txt", "*.ics"):
        for path in ROOT.rglob(pattern):
            parts = set(path.relative_to(ROOT).parts[:-1])
            if parts & SKIPPED_DIRS or any(path.is_relative_to(s) for s in SKIPPED):
                continue
            found.append(path)
    return sorted(found)


def _offending_lines(text: str, names: list[str]) -> list[str]:
    pattern = re.compile("|".join(re.escape(name) for name in names), re.IGNORECASE)
    return [line.strip() for line in text.splitlines() if pattern.search(ALLOWED.sub("", line))]


def test_the_sources_are_found():
    sources = _sources()
    assert ROOT / "templates" / "base.html" in sources
    assert ROOT / "offers" / "calendar.py" in sources
    assert not any(path.is_relative_to(ROOT / "astnet" / "demo") for path in sources)


@pytest.mark.parametrize("path", _sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_or_module_names_copenhagen(path):
    offending = _offending_lines(path.read_text(encoding="utf-8"), _copenhagen_names())
    assert not offending, "Take it from the municipality record (astnet.municipality): " + str(
        offending
    )


def test_the_check_catches_a_district_named_in_a_template():
    names = _copenhagen_names()
    assert _offending_lines('<p>{% translate "Tilbud på Amager" %}</p>', names)
    assert _offending_lines("SLUG = 'nordvest'", names)
    assert not _offending_lines('TIME_ZONE = "Europe/Copenhagen"', names)
