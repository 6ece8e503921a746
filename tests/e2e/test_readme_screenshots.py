"""The two screenshots in the README (issue 20): the "I dag" roster on a tablet and a vote on a
phone, taken from the demo data. `docs/screenshots/` holds the committed copies."""

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, SCREENSHOT_DIR, log_in, no_sideways_scroll

pytestmark = pytest.mark.e2e


def test_the_roster_on_a_tablet_and_a_vote_on_a_phone(browser, live_server, demo_city):
    folder = SCREENSHOT_DIR / "readme"
    folder.mkdir(parents=True, exist_ok=True)

    tablet = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": 768, "height": 1024}
    ).new_page()
    log_in(tablet, "medarbejder", DEMO_PASSWORD)
    tablet.wait_for_url("**/hjem/**")
    tablet.goto("/borgere/i-dag/")
    tablet.get_by_role("heading", level=1).wait_for()
    assert tablet.locator(".roster-row").count() > 0
    assert no_sideways_scroll(tablet)
    tablet.screenshot(path=folder / "roster-tablet.png")

    # A long search must not widen the roster on a phone (issue 20).
    tablet.set_viewport_size({"width": 375, "height": 812})
    tablet.goto(tablet.url.split("?")[0] + "?q=" + "Jørgensen-Christiansen" * 8)
    tablet.get_by_role("heading", name="Søgeresultater").wait_for()
    assert no_sideways_scroll(tablet)

    phone = browser.new_context(
        locale="da-DK",
        base_url=live_server.url,
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
    ).new_page()
    log_in(phone, "raadsmedlem", DEMO_PASSWORD)
    phone.wait_for_url("**/hjem/**")
    phone.goto("/raad/")
    phone.locator(".vote-card").first.wait_for()
    phone.locator(".vote-card").first.scroll_into_view_if_needed()
    assert no_sideways_scroll(phone)
    phone.screenshot(path=folder / "vote-phone.png")
