"""Browser tests wait for states, never for time (DEVELOPERS.md: CI is deterministic). A bare
`locator.is_visible()` answers at once, so asserting it right after a click races the page (a
flaky red build, seen in issue 22's last run); Playwright's `expect(...)` waits for the state."""

import re
from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parents[1] / "e2e"
RACY = re.compile(r"\.is_visible\(\)|\.is_hidden\(\)|wait_for_timeout\(|time\.sleep\(")


@pytest.mark.parametrize("path", sorted(E2E.glob("*.py")), ids=lambda p: p.name)
def test_browser_tests_wait_for_states_not_for_time(path):
    racy = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RACY.search(line)
    ]
    assert racy == [], "use expect(locator).to_be_visible() and friends:\n" + "\n".join(racy)
