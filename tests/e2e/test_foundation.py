import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


def test_staff_logs_in_and_sees_their_home_without_accessibility_violations(
    page, world, assert_accessible
):
    page.goto("/login/")
    assert page.title().startswith("Log ind")
    assert_accessible(page)

    log_in(page, world.staff.username, TEST_PASSWORD)

    page.wait_for_url("**/hjem/medarbejder/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Nabo").first).to_be_visible()
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page, world):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Gå til sidens indhold"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
