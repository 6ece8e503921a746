"""The translation catalogues are well formed: `msgfmt --check` passes on both, and no entry is
left fuzzy (a fuzzy entry is not used, so the page silently shows the Danish source text) or
defined twice (msgfmt refuses a catalogue with a duplicate msgid)."""

import shutil
import subprocess  # nosec B404 - runs the fixed gettext tool on files in the repository
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
MSGFMT = shutil.which("msgfmt")


@pytest.fixture
def msgfmt() -> str:
    if MSGFMT is None:
        if settings.ASTNET_REQUIRE_SERVICES:
            pytest.fail("msgfmt (GNU gettext) is missing, and CI needs it")
        pytest.skip("msgfmt (GNU gettext) is not installed here")
    return MSGFMT


def _check(msgfmt: str, catalogue: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # nosec B603 - a fixed argument list, no shell
        [msgfmt, "--check", "--output-file=/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )


def fuzzy_msgids(text: str) -> list[str]:
    """The first line of each msgid flagged fuzzy in a .po file's `text`, the header left out
    (makemessages always flags the header; it is the entry whose msgid is empty)."""
    found = []
    for entry in text.split("\n\n"):
        lines = entry.strip().splitlines()
        flags = [line[2:] for line in lines if line.startswith("#,")]
        if not any("fuzzy" in (word.strip() for word in flag.split(",")) for flag in flags):
            continue
        start = next(i for i, line in enumerate(lines) if line.startswith("msgid "))
        msgid = lines[start : start + 2]
        if msgid[0] == 'msgid ""' and msgid[1].startswith("msgstr"):
            continue
        found.append(" ".join(msgid if msgid[1].startswith('"') else msgid[:1]))
    return found


def test_there_are_two_catalogues():
    assert {path.parts[-3] for path in CATALOGUES} == {"da", "en"}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_msgfmt_accepts_the_catalogue(msgfmt, catalogue):
    result = _check(msgfmt, catalogue)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_no_entry_is_left_fuzzy(catalogue):
    assert fuzzy_msgids(catalogue.read_text(encoding="utf-8")) == []


HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def test_the_check_catches_a_duplicate_msgid(msgfmt, tmp_path):
    catalogue = tmp_path / "django.po"
    catalogue.write_text(
        HEADER + '\nmsgid "Gem"\nmsgstr "Save"\n\nmsgid "Gem"\nmsgstr "Store"\n',
        encoding="utf-8",
    )
    result = _check(msgfmt, catalogue)
    assert result.returncode != 0
    assert "duplicate" in result.stderr


def test_the_fuzzy_check_skips_the_header_and_finds_a_fuzzy_entry():
    text = (
        "#, fuzzy\n" + HEADER + '\n#, fuzzy, python-format\n#| msgid "Gem %(x)s"\n'
        'msgid "Gem %(name)s"\nmsgstr "Save %(name)s"\n\nmsgid "Slet"\nmsgstr "Delete"\n'
    )
    assert fuzzy_msgids(text) == ['msgid "Gem %(name)s"']


def test_the_fuzzy_check_reads_a_msgid_over_several_lines():
    text = '#, fuzzy\nmsgid ""\n"Besøg i perioden "\n"og året før"\nmsgstr "Visits"\n'
    assert fuzzy_msgids(text) == ['msgid "" "Besøg i perioden "']
