"""Socialudvalg reports: ordering, the task's lifecycle (eager), the PDF, the archive and downloads."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from pypdf import PdfReader

from astnet.figures import Period
from astnet.models import AuditEvent, Report
from astnet.reporting import reports
from astnet.reporting.tasks import report_render
from tests import factories as f
from tests.astnet.test_dashboards import add_visits

# The page bound for a year of the factory city (see test_a_city_report_over_a_year_stays_short).
PAGE_BOUND = 15

ORDER = {"period_from": "2026-01-05", "period_to": "2026-03-29", "district": ""}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def in_process_tasks():
    """These tests follow a report in-process, also where CI sets REDIS_URL (see test_report_worker)."""
    from astnet.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def city(world):
    track = f.TrackFactory(name="Livsstilsændringer og sundhed", lead_district=world.amager)
    world.nabo.track = track
    world.nabo.save()
    add_visits(world.nabo, 37, citizens=8)
    add_visits(world.kompasset, 3)
    add_visits(world.griffen, 26, citizens=13)
    add_visits(world.griffen, 11, start=datetime.date(2025, 1, 6))
    world.kompasset.closes_on = datetime.date(2026, 2, 1)
    world.kompasset.replaced_by = world.nabo
    world.kompasset.save()
    return world


def pdf_text(report: Report) -> str:
    with report.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def order(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("dashboards:reports"), {**ORDER, **data})


def test_the_administration_orders_a_city_report_and_it_is_rendered(
    client, city, django_capture_on_commit_callbacks, private_media
):
    client.force_login(city.administration)
    response = order(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.ordered_by == city.administration
    assert report.district is None
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.finished_at is not None
    assert (private_media / report.file.name).exists()
    text = pdf_text(report)
    assert "Statusnotat til Socialudvalget" in text
    assert "Center Amager" in text and "Center Nørrebro" in text
    assert "37" in text  # Nabo's visits
    assert "<5" in text  # Kompasset's three visits
    assert "Livsstilsændringer og sundhed" in text
    assert "Kompasset" in text and "Metode og datagrundlag" in text
    assert "Side 2 af" in text
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="astnet.report"
    ).exists()


def test_the_pdf_is_tagged_with_headings_and_a_table_of_contents(
    client, city, django_capture_on_commit_callbacks
):
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    with report.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"].get("/Lang") == "da"
    assert "Sammenfatning" in reader.pages[1].extract_text()
    assert any("Indhold i bilagene" in page.extract_text() for page in reader.pages)


def test_the_report_opens_with_a_plain_summary_of_at_most_two_pages(
    client, city, django_capture_on_commit_callbacks
):
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    with Report.objects.get().file.open("rb") as handle:
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages]

    appendix = next(i for i, text in enumerate(pages) if "Indhold i bilagene" in text)
    summary = "\n".join(pages[1:appendix])
    assert "Sammenfatning" in pages[1]
    assert appendix <= 3  # the cover, then at most two pages of summary
    assert "besøg i tilbuddene" in summary
    # The area word is the municipality's (issue 21): "bydelene" in Copenhagen, else "områderne".
    assert re.search(r"Besøg i (bydelene|områderne)", summary) and "Center Nørrebro" in summary
    assert "1 tilbud åbnede" in summary or "0 tilbud åbnede" in summary
    assert "lukkede i perioden" in summary


def test_a_district_report_holds_only_that_district(
    client, city, django_capture_on_commit_callbacks
):
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks, district=city.norrebro.pk)
    report = Report.objects.get()
    assert report.district == city.norrebro
    text = pdf_text(report)
    assert "Center Nørrebro" in text
    assert "Center Amager" not in text
    assert "26" in text


def test_a_period_ending_before_it_starts_is_refused_and_nothing_is_ordered(client, city):
    client.force_login(city.administration)
    response = client.post(
        reverse("dashboards:reports"),
        {**ORDER, "period_from": "2026-03-01", "period_to": "2026-01-01"},
    )
    assert response.status_code == 200
    assert (
        "Slutdatoen skal være samme dag som eller efter startdatoen." in response.content.decode()
    )
    assert not Report.objects.exists()


@pytest.mark.parametrize("role", ["staff", "leader", "council_member", "peer_mentor", "dpo"])
def test_only_the_administration_may_use_reports(client, city, role):
    report = Report.objects.create(
        ordered_by=city.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
    )
    client.force_login(getattr(city, role))
    assert client.get(reverse("dashboards:reports")).status_code == 403
    assert client.post(reverse("dashboards:reports"), ORDER).status_code == 403
    assert client.get(reverse("dashboards:report_download", args=[report.pk])).status_code == 403
    assert Report.objects.count() == 1


def test_a_report_that_is_not_done_cannot_be_downloaded(client, city):
    report = Report.objects.create(
        ordered_by=city.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
    )
    client.force_login(city.administration)
    assert client.get(reverse("dashboards:report_download", args=[report.pk])).status_code == 404
    assert client.get(reverse("dashboards:report_download", args=[9999])).status_code == 404


def test_the_download_is_a_pdf_and_is_audited(client, city, django_capture_on_commit_callbacks):
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    response = client.get(reverse("dashboards:report_download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_type="astnet.report", object_id=str(report.pk)
    ).exists()


def test_the_archive_polls_pending_rows_and_stops_when_done(client, city):
    pending = Report.objects.create(
        ordered_by=city.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
        status=Report.Status.RUNNING,
        progress=40,
    )
    client.force_login(city.administration)
    page = client.get(reverse("dashboards:reports")).content.decode()
    assert 'hx-trigger="every 2s"' in page
    row_url = reverse("dashboards:report_row", args=[pending.pk])
    row = client.get(row_url, headers={"HX-Request": "true"}).content.decode()
    assert row.strip().startswith("<tr")
    assert 'value="40"' in row and 'hx-trigger="every 2s"' in row
    Report.objects.filter(pk=pending.pk).update(status=Report.Status.FAILED, failure_reason="Fejl")
    row = client.get(row_url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in row
    assert "Fejl" in row


def test_the_archive_is_paginated_and_shows_who_ordered(
    client, city, django_assert_max_num_queries
):
    for day in range(1, 26):
        Report.objects.create(
            ordered_by=city.administration,
            period_start=datetime.date(2026, 1, day),
            period_end=datetime.date(2026, 1, 31),
        )
    Report.objects.create(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 1, 31)
    )
    client.force_login(city.administration)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("dashboards:reports")).content.decode()
    assert page.count('<tr id="rapport-') == 20
    assert "Automatisk (månedlig)" in page
    assert "Side 1 af 2" in page


def test_a_failing_render_is_retried_three_times_then_marked_failed(
    client, city, django_capture_on_commit_callbacks, monkeypatch
):
    attempts = []

    def broken(html):
        attempts.append(1)
        raise RuntimeError("printeren er gået i stå")

    monkeypatch.setattr(reports, "html_to_pdf", broken)
    client.force_login(city.administration)
    response = order(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    report = Report.objects.get()
    assert len(attempts) == 4
    assert report.status == Report.Status.FAILED
    assert "printeren er gået i stå" in report.failure_reason
    assert not report.file
    page = client.get(reverse("dashboards:reports")).content.decode()
    assert "Fejlet" in page and "printeren er gået i stå" in page


def test_a_render_that_fails_once_succeeds_on_retry(city, monkeypatch):
    report = Report.objects.create(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 3, 31)
    )
    real = reports.html_to_pdf
    attempts = []

    def flaky(html):
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("disken var fuld")
        return real(html)

    monkeypatch.setattr(reports, "html_to_pdf", flaky)
    report_render.delay(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.failure_reason == ""
    assert len(attempts) == 2


def test_the_task_retries_with_backoff_three_times():
    assert report_render.max_retries == 3
    assert report_render.retry_backoff is True
    assert Exception in report_render.autoretry_for


def test_the_monthly_city_report_covers_last_month(city):
    report = reports.report_order_monthly(today=datetime.date(2026, 3, 15))
    assert report.ordered_by is None
    assert (report.period_start, report.period_end) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )


def test_the_monthly_report_is_scheduled_by_celery_beat(db):
    task = PeriodicTask.objects.get(task="astnet.report_order_monthly")
    assert task.enabled
    assert task.crontab.day_of_month == "1"


def test_previous_month_across_new_year():
    assert reports.previous_month(datetime.date(2026, 1, 10)) == Period(
        datetime.date(2025, 12, 1), datetime.date(2025, 12, 31)
    )


def test_report_sections_counted_two_at_a_time_come_back_in_order_and_in_danish():
    import time

    from django.utils.translation import get_language, override

    from astnet.reporting.parallel import two_at_a_time

    def job(number):
        # The first job finishes last: the order must come from the list, not the clock.
        time.sleep(0.05 * (3 - number))
        return number, get_language()

    steps = []
    with override("da"):
        results = two_at_a_time(
            [lambda n=n: job(n) for n in range(4)], done=lambda: steps.append(1)
        )
    assert results == [(0, "da"), (1, "da"), (2, "da"), (3, "da")]
    assert len(steps) == 4


# --- the numbers behind the charts (issue 22) ----------------------------------------------------


def sheet_blocks(sheet) -> dict[str, list[list[str]]]:
    """Each figure's rows in a sheet of the numbers spreadsheet, under its title, as the text
    the PDF would print (numbers written back with Danish separators)."""
    from astnet.formats import format_number

    blocks, title, rows = {}, None, []
    for row in sheet.iter_rows(values_only=True):
        cells = [format_number(c) if isinstance(c, int) else c or "" for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            title, rows = None, []
        elif title is None:
            title = cells[0]
            blocks[title] = rows
        else:
            rows.append(cells)
    return blocks


def _without_trailing_blanks(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def test_the_numbers_spreadsheet_holds_each_weekly_chart_s_numbers_suppressed(
    client, city, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    from astnet.reporting import dashboards
    from offers.models import Offer

    add_visits(city.griffen, 2, start=datetime.date(2026, 2, 2))  # week 6: two visits, "<5"
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    with report.numbers_file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))

    period = Period(report.period_start, report.period_end)
    for district in [city.amager, city.norrebro]:
        board = dashboards.district_dashboard(
            district=district, offers=Offer.objects.filter(district=district), period=period
        )
        weekly = next(figure for figure in board.figures if figure.key == "besoeg-pr-uge")
        blocks = sheet_blocks(workbook[district.name])
        published = [weekly.header, *weekly.display_rows()]
        assert blocks["Besøg pr. uge"] == [_without_trailing_blanks(row) for row in published]
    norrebro_weeks = sheet_blocks(workbook[city.norrebro.name])["Besøg pr. uge"]
    week_6 = next(row for row in norrebro_weeks if row[0] == "Uge 6, 2026")
    assert week_6[1] == "<5" and "2" not in week_6[1:]
    assert any("«<5»" in str(row[0]) for row in workbook["Hele byen"].iter_rows(values_only=True))


def test_the_numbers_spreadsheet_neutralises_formulas_in_names(
    client, city, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    city.nabo.name = "=HYPERLINK(1)"
    city.nabo.save()
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    with Report.objects.get().numbers_file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()))[city.amager.name]
    names = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert "'=HYPERLINK(1)" in names and "=HYPERLINK(1)" not in names


def test_the_pdf_draws_charts_without_their_tables_and_says_where_the_numbers_are(
    client, city, django_capture_on_commit_callbacks
):
    from django.template.loader import render_to_string
    from django.utils.translation import override

    from astnet.municipality import current

    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    with override("da"):
        html = render_to_string(
            "reports/report.html",
            {**reports.report_context(report), "municipality": current()},
        )
    figures = re.findall(r'<div class="figure">.*?</div>', html, flags=re.S)
    assert not [figure for figure in figures if "<img" in figure and "<table" in figure]
    assert "<caption>Besøg pr. uge</caption>" not in html
    assert html.count('alt="Besøg pr. uge.') == 2  # one chart for each district
    assert "<caption>Nøgletal</caption>" in html  # tables that are never drawn stay tables
    assert "Ingen i perioden." in html  # no anonymous visitors: a line, not a table of zeros
    text = " ".join(pdf_text(report).split())
    assert "Tallene bag diagrammet „Besøg pr. uge“ står i regnearket „Tal bag rapporten“" in text


def test_the_archive_offers_the_numbers_beside_the_pdf_audited(
    client, city, django_capture_on_commit_callbacks
):
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    url = reverse("dashboards:report_numbers_download", args=[report.pk])
    page = client.get(reverse("dashboards:reports")).content.decode()
    assert f'href="{url}"' in page and "Hent tal bag rapporten (regneark)" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, object_id=str(report.pk), detail="xlsx"
    ).exists()


@pytest.mark.parametrize("role", ["staff", "leader", "council_member", "peer_mentor", "dpo"])
def test_only_the_administration_may_fetch_the_numbers(
    client, city, django_capture_on_commit_callbacks, role
):
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    report = Report.objects.get()
    client.force_login(getattr(city, role))
    url = reverse("dashboards:report_numbers_download", args=[report.pk])
    assert client.get(url).status_code == 403


def test_numbers_of_a_report_not_done_or_made_before_them_are_not_found(client, city):
    pending = Report.objects.create(
        ordered_by=city.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
    )
    older = Report.objects.create(
        ordered_by=city.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
        status=Report.Status.DONE,
        file="reports/2026/01/statusnotat-1.pdf",
    )
    client.force_login(city.administration)
    for report in [pending, older]:
        url = reverse("dashboards:report_numbers_download", args=[report.pk])
        assert client.get(url).status_code == 404
    assert (
        "Hent tal bag rapporten" not in client.get(reverse("dashboards:reports")).content.decode()
    )


def test_a_city_report_over_a_year_stays_short(client, city, django_capture_on_commit_callbacks):
    """The page count is bounded: 14 pages for this city's year, 19 with the tables under the
    charts (issue 22: they made the city's report 60 pages and most of WeasyPrint's time and
    memory). The bound leaves a page for a new section."""
    client.force_login(city.administration)
    order(
        client,
        django_capture_on_commit_callbacks,
        period_from="2025-04-01",
        period_to="2026-03-31",
    )
    with Report.objects.get().file.open("rb") as handle:
        pages = len(PdfReader(io.BytesIO(handle.read())).pages)
    assert pages <= PAGE_BOUND, pages
