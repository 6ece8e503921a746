"""The note that says what "<5" and "x" stand for goes wherever suppressed figures are published:
dashboards, their CSV/XLSX exports and the report PDF (issue 16)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from astnet.models import Report
from astnet.privacy import method_note
from tests.astnet.test_dashboards import PERIOD, dashboard_url, export_url, figures, fresh_figures  # noqa: F401
from tests.astnet.test_reports import city, in_process_tasks, order, pdf_text, private_media  # noqa: F401

# Plain words a reader needs: x is hidden, and may itself be a small number.
KEY_WORDS = ("«x» er også et skjult tal", "et lille tal (1–4)", "regnes ud fra totalerne")


def squashed(text: str) -> str:
    """Text without whitespace, so line breaks in a PDF or HTML do not split a phrase."""
    return "".join(text.split())


def assert_note_in(text: str) -> None:
    for words in KEY_WORDS:
        assert squashed(words) in squashed(text), words


def test_the_note_says_that_x_may_hide_a_small_number_too():
    assert_note_in(method_note())
    assert "«<5»" in method_note()


def test_the_district_dashboard_and_the_city_overview_carry_the_note(client, figures):  # noqa: F811
    client.force_login(figures.leader)
    response = client.get(dashboard_url(figures.amager))
    assert "x" in [
        cell
        for row in response.context["dashboard"].figure("besoeg-pr-tilbud").display_rows()
        for cell in row
    ]
    assert_note_in(response.content.decode())
    client.force_login(figures.administration)
    assert_note_in(client.get(reverse("dashboards:city"), PERIOD).content.decode())


def test_csv_and_xlsx_exports_carry_the_note(client, figures):  # noqa: F811
    client.force_login(figures.leader)
    response = client.get(export_url(figures.amager, "besoeg-pr-tilbud", "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert_note_in(" ".join(cell for row in rows for cell in row))
    response = client.get(export_url(figures.amager, "besoeg-pr-tilbud", "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert_note_in(
        " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    )


@pytest.mark.django_db
def test_the_report_pdf_carries_the_note(client, city, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(city.administration)
    order(client, django_capture_on_commit_callbacks)
    text = pdf_text(Report.objects.get())
    assert "<5" in text
    assert_note_in(text)
