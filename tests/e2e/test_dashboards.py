"""Dashboards and reports in the browser: the administration follows a report and downloads the PDF
and the numbers behind it; a leader sees their own district's dashboard and nobody else's."""

import datetime

import pytest
from playwright.sync_api import expect

from astnet.models import Report
from astnet.reporting import reports
from tests.astnet.test_dashboards import add_visits
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def in_process_reports(settings, tmp_path):
    """Reports render in the live server's process (eager), their files in a private temp folder."""
    from astnet.celery import app

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def visits(world):
    today = datetime.date.today()
    add_visits(world.nabo, 14, start=today.replace(month=1, day=1), citizens=7)
    add_visits(world.griffen, 9, start=today.replace(month=1, day=1), citizens=9)
    return world


def test_the_administration_follows_a_report_and_downloads_the_pdf(page, visits, assert_accessible):
    running = Report.objects.create(
        ordered_by=visits.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
        status=Report.Status.RUNNING,
        progress=40,
    )
    log_in(page, visits.administration.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("link", name="Rapporter").click()
    page.get_by_role("heading", name="Rapporter til Socialudvalget").wait_for()
    row = page.locator(f"#rapport-{running.pk}")
    assert row.get_by_role("progressbar").get_attribute("value") == "40"
    assert_accessible(page)

    # The worker finishes; the row updates itself without a reload (htmx polls every 2 s).
    reports.render_report(running.pk)
    row.get_by_role("link", name="Hent PDF").wait_for(timeout=30_000)

    page.get_by_label("Omfang").select_option(label="Hele byen")
    # Without a broker the report renders inside the request, which takes a while.
    page.get_by_role("button", name="Bestil rapport").click(timeout=120_000)
    page.get_by_text("Rapporten er bestilt").wait_for(timeout=120_000)
    newest = Report.objects.exclude(pk=running.pk).get()
    assert newest.status == Report.Status.DONE
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator(f"#rapport-{newest.pk}").get_by_role("link", name="Hent PDF").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    # The numbers behind the charts come beside it, as a spreadsheet (issue 22).
    with page.expect_download() as download:
        newest_row = page.locator(f"#rapport-{newest.pk}")
        newest_row.get_by_role("link", name="Hent tal bag rapporten").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(2) == b"PK"

    page.get_by_role("link", name="Byen", exact=True).click()
    page.get_by_role("heading", name="Hele byen", level=1).wait_for()
    expect(page.get_by_role("table", name="Bydelene side om side")).to_be_visible()
    assert_accessible(page)


def test_a_leader_sees_only_their_own_districts_dashboard(page, visits, assert_accessible):
    log_in(page, visits.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name="Dashboard for Center Amager").wait_for()
    # Sections fold (issue 20): the leader opens the one they want.
    page.locator("summary", has_text="Besøg pr. tilbud").first.click()
    table = page.get_by_role("table", name="Besøg pr. tilbud")
    expect(table.get_by_role("row", name="Nabo")).to_be_visible()
    expect(page.get_by_role("img", name="Besøg pr. tilbud").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Tilbud (valgfrit)").select_option(label="Nabo")
    page.get_by_role("button", name="Vis tal").click()
    page.wait_for_url(f"**offer={visits.nabo.pk}**")
    assert_accessible(page)

    response = page.goto(f"/dashboard/bydel/{visits.norrebro.pk}/")
    assert response.status == 404
    assert page.get_by_role("link", name="Rapporter").count() == 0
