"""The building blocks of dashboards and reports (nøgletal): a period and a figure, i.e. a table of
counts with its suppressed display, its chart and its export."""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from astnet import privacy
from astnet.formats import format_date, format_number


def _a_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def previous_year(self) -> "Period":
        """The same period a year earlier, which every figure is compared with."""
        return Period(_a_year_before(self.start), _a_year_before(self.end))

    @property
    def label(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}"

    def as_range(self) -> tuple[datetime.date, datetime.date]:
        return (self.start, self.end)

    def iso_weeks(self) -> list[datetime.date]:
        """The Monday of every ISO week the period touches."""
        monday = self.start - datetime.timedelta(days=self.start.weekday())
        weeks = []
        while monday <= self.end:
            weeks.append(monday)
            monday += datetime.timedelta(days=7)
        return weeks


@dataclass
class Figure:
    """One table of figures. `values` are raw counts; only `table` (suppressed) is ever shown.

    `counts=False` marks a table of shares or targets that describe no citizens (nothing to suppress
    here); its values may be `privacy.Cell`s their maker suppressed already (privacy.suppress_share).
    `public_columns` are counts that describe no citizens (open offers): never suppressed, and only
    allowed without row totals, so they share no sum with a suppressed cell.
    `chart_columns` names the columns drawn in the chart, `chart_kind` is "bar", "line" or "stacked".
    `scale` fixes the value axis, e.g. (1, 10) for the goals' rating scale.
    """

    key: str
    title: str
    description: str
    row_header: str
    columns: list[str]
    row_labels: list[str]
    values: list[list]
    row_totals: bool = False
    column_totals: bool | list[bool] = False
    counts: bool = True
    chart_kind: str = "bar"
    chart_columns: list[int] = field(default_factory=list)
    public_columns: list[int] = field(default_factory=list)
    scale: tuple[int, int] | None = None

    @cached_property
    def table(self) -> privacy.SuppressedTable:
        if self.counts and not self.public_columns:
            return privacy.suppress_table(
                self.values, row_totals=self.row_totals, column_totals=self.column_totals
            )
        if self.counts:
            return self._with_public_columns()
        return privacy.SuppressedTable(
            rows=[[_cell(value) for value in row] for row in self.values],
            row_totals=None,
            column_totals=None,
            grand_total=None,
        )

    def _with_public_columns(self) -> privacy.SuppressedTable:
        if self.row_totals:
            raise ValueError("public columns cannot share a row total with counts of citizens")
        width = len(self.columns)
        summed = (
            [self.column_totals] * width
            if isinstance(self.column_totals, bool)
            else list(self.column_totals)
        )
        private = [j for j in range(width) if j not in self.public_columns]
        table = privacy.suppress_table(
            [[row[j] for j in private] for row in self.values],
            column_totals=[summed[j] for j in private],
        )
        position = {j: index for index, j in enumerate(private)}

        def plain(count):
            return privacy.Cell(count, format_number(count))

        rows = [
            [
                plain(row[j]) if j in self.public_columns else cells[position[j]]
                for j in range(width)
            ]
            for row, cells in zip(self.values, table.rows, strict=True)
        ]
        totals = None
        if any(summed):
            totals = [
                (plain(sum(row[j] for row in self.values)) if summed[j] else None)
                if j in self.public_columns
                else table.column_totals[position[j]]
                for j in range(width)
            ]
        return privacy.SuppressedTable(
            rows=rows, row_totals=None, column_totals=totals, grand_total=None
        )

    @property
    def header(self) -> list[str]:
        extra = [_("I alt")] if self.table.row_totals is not None else []
        return [self.row_header, *self.columns, *extra]

    def display_rows(self) -> list[list[str]]:
        """Every row as it is published, totals included: the same text on screen and in exports."""
        table = self.table
        rows = []
        for index, (label, cells) in enumerate(zip(self.row_labels, table.rows, strict=True)):
            row = [label, *(cell.display for cell in cells)]
            if table.row_totals is not None:
                row.append(table.row_totals[index].display)
            rows.append(row)
        if table.column_totals is not None:
            totals = [_("I alt"), *(cell.display if cell else "" for cell in table.column_totals)]
            if table.row_totals is not None:
                totals.append(table.grand_total.display if table.grand_total else "")
            rows.append(totals)
        return rows

    @property
    def has_total_row(self) -> bool:
        return self.table.column_totals is not None

    def chart_series(self) -> list[tuple[str, list[float | None]]]:
        """What the chart draws: suppressed cells are left out, never drawn at their true height."""
        series = []
        for column in self.chart_columns:
            series.append((self.columns[column], [row[column].value for row in self.table.rows]))
        return series


def _cell(value) -> privacy.Cell:
    """A value of a table that is not counts: a Cell already suppressed by its maker (a share
    behind too few answers, privacy.suppress_share) is kept as it is."""
    if isinstance(value, privacy.Cell):
        return value
    return privacy.Cell(value, _display(value))


def _display(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_number(value, 1)
    if isinstance(value, int):
        return format_number(value)
    return str(value)
