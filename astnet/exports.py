"""CSV and XLSX exports of a dashboard table, exactly as published (suppressed, never the raw counts)."""

import csv
import io
import re

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from astnet import privacy
from astnet.figures import Figure, Period

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_text(value: str) -> str:
    """Every text cell of every export (CSV and XLSX) goes through here (issue 16): a cell starting
    with = + - @ (or a tab or carriage return) is run as a formula by spreadsheet programs, so it
    gets a leading apostrophe. Plain numbers (also negative) are left alone."""
    value = str(value)
    if value and value[0] in "=+-@\t\r" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    return value.lstrip("-").replace(",", "", 1).isdigit()


def _rows(figure: Figure) -> list[list[str]]:
    return [figure.header, *figure.display_rows()]


def _note(period: Period) -> list[str]:
    return [_("Periode: %(period)s.") % {"period": period.label}, privacy.method_note()]


_DANISH_WHOLE_NUMBER = re.compile(r"\d{1,3}(\.\d{3})*|\d+")


def as_csv(figure: Figure, period: Period) -> bytes:
    buffer = io.StringIO()
    # Semicolons and a byte-order mark: what Danish Excel opens without an import wizard.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([spreadsheet_text(figure.title)])
    for row in _rows(figure):
        writer.writerow([spreadsheet_text(value) for value in row])
    writer.writerow([])
    for line in _note(period):
        writer.writerow([spreadsheet_text(line)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(figure: Figure, period: Period) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = figure.title[:31]
    sheet.append([spreadsheet_text(figure.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    header, *rows = _rows(figure)
    sheet.append([spreadsheet_text(value) for value in header])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_text(row[0]), *(_cell_value(value) for value in row[1:])])
    sheet.append([])
    for line in _note(period):
        sheet.append([spreadsheet_text(line)])
    sheet.column_dimensions["A"].width = max(len(str(row[0])) for row in [header, *rows]) + 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Characters a sheet's name may not hold, and its longest length (Excel's rules, kept by openpyxl).
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def sheet_name(title: str, taken: set[str]) -> str:
    """`title` as a sheet name Excel accepts and no other sheet in `taken` has (added to it)."""
    base = _NOT_IN_SHEET_NAMES.sub(" ", title).strip()[:SHEET_NAME_LENGTH] or _("Ark")
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def figures_xlsx(sheets: list[tuple[str, list[Figure]]], period: Period) -> bytes:
    """Many figures in one workbook: one sheet per (name, figures), each figure as its title and
    its table one below the other, exactly as published (suppressed, formulas neutralised), and the
    period and method note at the foot of every sheet. Used for the numbers behind a report's
    charts (issue 22). Written row by row (openpyxl's write-only mode): a city's figures never sit
    in memory twice."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    bold = Font(bold=True)
    for name, figures in sheets:
        sheet = workbook.create_sheet(sheet_name(name, taken))
        sheet.column_dimensions["A"].width = 40
        sheet.append([_styled(sheet, spreadsheet_text(name), Font(bold=True, size=14))])
        for figure in figures:
            header, *rows = _rows(figure)
            sheet.append([])
            sheet.append([_styled(sheet, spreadsheet_text(figure.title), bold)])
            sheet.append([_styled(sheet, spreadsheet_text(value), bold) for value in header])
            for row in rows:
                sheet.append([spreadsheet_text(row[0]), *(_cell_value(value) for value in row[1:])])
        sheet.append([])
        for line in _note(period):
            sheet.append([spreadsheet_text(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(sheet, value: str, font: Font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def _cell_value(value: str):
    """Numbers stay numbers in the spreadsheet ("12.345" is 12345); "<5", "x" and shares stay text."""
    if _DANISH_WHOLE_NUMBER.fullmatch(value):
        return int(value.replace(".", ""))
    return spreadsheet_text(value)


def response(figure: Figure, period: Period, *, file_format: str, filename: str) -> HttpResponse:
    content = as_csv(figure, period) if file_format == "csv" else as_xlsx(figure, period)
    result = HttpResponse(content, content_type=FORMATS[file_format])
    result["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return result
