"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
DEMO_PASSWORD = "demo-adgangskode-til-browsertest"
# Where browser tests save screenshots: a folder CI keeps as an artefact and git ignores.
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "test-results/screenshots"))
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time_on_sqlite():
    """On SQLite the live server's threads share the test's one in-memory connection, and a
    request read while another wrote failed with "database table is locked" (a council vote
    cast on one phone while the next phone reloaded). There the live server answers one request
    at a time, closing each connection (Django's WSGIServer); on PostgreSQL each thread has its
    own connection and the server stays threaded, as in production."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class OneRequestAtATime(WSGIServer):
        # The live server thread has already put the shared connection in place for itself.
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    if connection.vendor != "sqlite":
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneRequestAtATime)
        yield


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("ASTNET_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    axe = Axe()

    def check(page):
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()

    return check


def log_in(page, username, password):
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").last.click()


@pytest.fixture
def demo_city(db, settings, tmp_path):
    """The demo data of `make run`, with one login per role and DEMO_PASSWORD."""
    settings.VAR_DIR = tmp_path
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo", verbosity=0)


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
