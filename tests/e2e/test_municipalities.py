"""The main journeys on both demo municipalities (issue 21): Copenhagen's and Haderslev's demo as
`seed_demo` loads them, with nothing but data telling them apart: the roster at the door, the
programme and its calendar feed, a council vote, a leader's dashboard and the report PDF."""

import io
import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

PASSWORD = "demo-e2e-adgangskode"


@dataclass(frozen=True)
class Demo:
    municipality: str
    name: str
    committee: str
    whole: str
    area_label: str
    staff_offer: str
    offer_slug: str
    area: str
    activity: str
    # Haderslev's demo has the partners' outreach hours (seed 002); Copenhagen's has none.
    outreach_partner: str | None = None


DEMOS = [
    Demo(
        municipality="copenhagen",
        name="København",
        committee="Socialudvalget",
        whole="Hele byen",
        area_label="Bydel",
        staff_offer="Nabo",
        offer_slug="nabo",
        area="Center Amager",
        activity="Fællesspisning",
    ),
    Demo(
        municipality="haderslev",
        name="Haderslev",
        committee="de politiske udvalg",
        whole="Hele kommunen",
        area_label="Område",
        staff_offer="Regnbuen",
        offer_slug="kolibrien",
        area="Haderslev",
        activity="NADA-akupunktur",
        outreach_partner="Jobcentret",
    ),
]


@pytest.fixture(autouse=True)
def in_process_reports(settings, tmp_path):
    """Reports render in the live server's process (eager), their files in a private temp folder."""
    from astnet.celery import app

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(params=DEMOS, ids=[demo.municipality for demo in DEMOS])
def demo(request, transactional_db, settings, tmp_path) -> Demo:
    settings.VAR_DIR = tmp_path
    settings.DEMO_PASSWORD = PASSWORD
    call_command("seed_demo", "--municipality", request.param.municipality)
    return request.param


def _log_in_fresh(page, username):
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)
    page.wait_for_url("**/hjem/**")


def test_the_roster_the_programme_and_its_feed(page, demo, assert_accessible):
    page.goto("/")
    expect(page.locator(".site-tagline")).to_have_text(
        f"Aktivitets- og samværstilbud i {demo.name}"
    )
    page.get_by_role("link", name="Aktivitetsprogram").click()
    page.wait_for_url("**/program/")
    page.get_by_label(demo.area_label).select_option(label=demo.area)
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url("**/program/?*")
    expect(page.get_by_role("heading", name=demo.activity).first).to_be_visible()
    assert_accessible(page)
    if demo.outreach_partner:
        outreach = page.get_by_role("region", name="Fremskudt sagsbehandling i ugen")
        expect(outreach.get_by_role("heading", name=demo.outreach_partner).first).to_be_visible()

    feed = page.request.get(f"/tilbud/{demo.offer_slug}/kalender.ics")
    assert feed.ok
    assert feed.headers["content-type"].startswith("text/calendar")
    assert demo.name in feed.text()
    assert demo.activity in feed.text()
    if demo.outreach_partner:
        assert "casework-" in feed.text() and demo.outreach_partner in feed.text()

    _log_in_fresh(page, "medarbejder")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="I dag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"I dag på {demo.staff_offer}")
    check_in = page.get_by_role("button", name=re.compile(r"^Tjek ind ")).first
    citizen = " ".join(check_in.text_content().split()).removeprefix("Tjek ind ")
    check_in.click()
    expect(page.get_by_role("button", name=f"Fortryd fremmøde for {citizen}")).to_be_visible()
    assert_accessible(page)


def test_a_council_vote_a_dashboard_and_the_report(page, demo, assert_accessible):
    _log_in_fresh(page, "raadsmedlem")
    page.goto("/raad/")
    page.get_by_role("button", name="Ja", exact=True).first.click()
    page.get_by_text("Din stemme").first.wait_for()
    assert_accessible(page)

    _log_in_fresh(page, "leder")
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name=f"Dashboard for {demo.area}").wait_for()
    summary = page.get_by_role("region", name="Kort fortalt")
    expect(summary.get_by_text("Tilfredshed: positive svar (%)")).to_be_visible()
    expect(page.get_by_role("heading", name="Tilfredshed pr. tilbud")).to_be_visible()
    if demo.outreach_partner:
        expect(
            page.get_by_role("heading", name="Fremskudt sagsbehandling pr. tilbud")
        ).to_be_visible()
    assert_accessible(page)

    _log_in_fresh(page, "administration")
    page.get_by_role("link", name="Rapporter").click()
    page.get_by_role("heading", name=f"Rapporter til {demo.committee}").wait_for()
    page.get_by_label("Omfang").select_option(label=demo.whole)
    # Without a broker the report renders inside the request, which takes a while.
    page.get_by_role("button", name="Bestil rapport").click(timeout=180_000)
    page.get_by_text("Rapporten er bestilt").wait_for(timeout=180_000)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent PDF").first.click()
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Statusnotat til {demo.committee}" in text
    assert demo.whole in text
    assert "Tilfredshed pr. tilbud" in text
    if demo.outreach_partner:
        assert "Fremskudt sagsbehandling pr. tilbud" in text
