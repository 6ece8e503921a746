"""Small-number suppression (diskretionering) for every aggregate figure: dashboards, exports, reports.

A count between 1 and 4 could point at one citizen, so it is shown as "<5" (primary suppression).
Where a row or column has a published total, one hidden cell could be worked out as the total minus the
others, so a second cell in that line is hidden too (complementary suppression). The attacker we guard
against knows the published table and these rules: "<5" means 1–4, a hidden cell means some count >= 0.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from django.utils.translation import gettext_lazy as _

from astnet.formats import format_number

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "x"


@dataclass(frozen=True)
class Cell:
    """One published figure: `value` is None unless it may be shown."""

    value: int | None
    display: str
    primary: bool = False
    complementary: bool = False

    @property
    def suppressed(self) -> bool:
        return self.primary or self.complementary

    @property
    def description(self) -> str:
        if self.primary:
            return str(_("under 5"))
        if self.complementary:
            return str(_("skjult, så et lille tal ikke kan regnes ud"))
        return self.display


@dataclass(frozen=True)
class SuppressedTable:
    rows: list[list[Cell]]
    row_totals: list[Cell] | None
    column_totals: list[Cell | None] | None
    grand_total: Cell | None


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def suppress_count(count: int) -> Cell:
    """A single figure without a total beside it: only the primary rule applies."""
    if is_small(count):
        return Cell(None, SMALL, primary=True)
    return Cell(count, format_number(count))


def suppress_table(
    values: Sequence[Sequence[int]],
    *,
    row_totals: bool = False,
    column_totals: bool | Sequence[bool] = False,
) -> SuppressedTable:
    """Suppress a table of counts and the totals published with it.

    `column_totals` may name, per column, whether its total is published (a column of distinct citizens
    has no meaningful sum). The grand total is published when row totals and every column total are.
    """
    grid = [list(row) for row in values]
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid):
        raise ValueError("every row needs the same number of cells")
    if any(count < 0 for row in grid for count in row):
        raise ValueError("counts cannot be negative")
    summed = [column_totals] * width if isinstance(column_totals, bool) else list(column_totals)
    if len(summed) != width:
        raise ValueError("one column_totals flag per column")
    with_grand_total = row_totals and bool(summed) and all(summed)

    # The full matrix: body, a total column on the right, a total row at the bottom.
    height = len(grid)
    matrix = [row + ([sum(row)] if row_totals else []) for row in grid]
    total_row = None
    if any(summed):
        total_row = [sum(row[j] for row in grid) if summed[j] else None for j in range(width)]
        if row_totals:
            total_row.append(sum(sum(row) for row in grid) if with_grand_total else None)
        matrix.append(total_row)

    lines = _lines(height, width, row_totals, total_row)
    primary = {
        (i, j)
        for i, row in enumerate(matrix)
        for j, count in enumerate(row)
        if count is not None and is_small(count)
    }
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for line, total in lines:
            if not _line_is_safe(matrix, line, total, hidden, primary):
                extra = _next_to_hide(matrix, line + [total], hidden)
                if extra is None:
                    continue
                hidden.add(extra)
                changed = True

    def cell(i: int, j: int) -> Cell | None:
        count = matrix[i][j]
        if count is None:
            return None
        if (i, j) in primary:
            return Cell(None, SMALL, primary=True)
        if (i, j) in hidden:
            return Cell(None, HIDDEN, complementary=True)
        return Cell(count, format_number(count))

    return SuppressedTable(
        rows=[[cell(i, j) for j in range(width)] for i in range(height)],
        row_totals=[cell(i, width) for i in range(height)] if row_totals else None,
        column_totals=[cell(height, j) for j in range(width)] if total_row is not None else None,
        grand_total=cell(height, width) if with_grand_total else None,
    )


Position = tuple[int, int]


def _lines(height, width, row_totals, total_row) -> list[tuple[list[Position], Position]]:
    """Each published equation: the cells of a line and the total they add up to."""
    lines = []
    if row_totals:
        lines += [([(i, j) for j in range(width)], (i, width)) for i in range(height)]
        if total_row is not None and total_row[width] is not None:
            lines.append(([(height, j) for j in range(width)], (height, width)))
    if total_row is not None:
        columns = width + (1 if row_totals else 0)
        lines += [
            ([(i, j) for i in range(height)], (height, j))
            for j in range(columns)
            if total_row[j] is not None
        ]
    return lines


def _line_is_safe(matrix, line, total, hidden, primary) -> bool:
    """True when no small number in the line can be pinned from the line's equation alone."""
    members = [*line, total]
    unknown = [position for position in members if position in hidden]
    if not unknown:
        return True
    # A lone hidden figure is the total minus the rest, even a complementary one (and then it would
    # give away the small number it was hiding in its other line).
    if len(unknown) == 1:
        return False
    if not any(position in primary for position in unknown):
        return True
    return not any(
        len(values) == 1 for values in _feasible_values(matrix, line, total, hidden, primary)
    )


def _feasible_values(matrix, line, total, hidden, primary) -> list[set[int]]:
    """For each hidden small number in the line, every value (1–4) the equation still allows."""
    known_sum = sum(matrix[i][j] for i, j in line if (i, j) not in hidden)
    total_hidden = total in hidden
    target = None if total_hidden else matrix[total[0]][total[1]] - known_sum
    body_hidden = [position for position in line if position in hidden]
    small = [p for p in [*body_hidden, total] if p in primary and (p in hidden)]
    open_ended = any(p not in primary for p in body_hidden) or (
        total_hidden and total not in primary
    )
    if open_ended:
        # A hidden cell of unknown size absorbs any difference, apart from the lower bounds.
        return [_open_ended_range(p, target, body_hidden, primary, total) for p in small]
    results = []
    for position in small:
        seen = set()
        for combination in product(range(1, THRESHOLD), repeat=len(small)):
            chosen = dict(zip(small, combination, strict=True))
            body = sum(chosen[p] for p in body_hidden)
            whole = chosen.get(total, target)
            if body == whole - (known_sum if total_hidden else 0):
                seen.add(chosen[position])
        results.append(seen)
    return results


def _open_ended_range(position, target, body_hidden, primary, total) -> set[int]:
    if target is None or position == total:
        return set(range(1, THRESHOLD))
    others_minimum = sum(1 for p in body_hidden if p in primary and p != position)
    top = min(THRESHOLD - 1, target - others_minimum)
    return set(range(1, top + 1))


def _next_to_hide(matrix, members, hidden) -> Position | None:
    """The smallest positive figure still shown: hiding it costs the reader the least."""
    candidates = [
        (position == members[-1], matrix[position[0]][position[1]], position)
        for position in members
        if position not in hidden and (matrix[position[0]][position[1]] or 0) > 0
    ]
    if not candidates:
        return None
    return min(candidates)[2]


def method_note() -> str:
    return str(
        _(
            "Tal mellem 1 og 4 vises som «<5». Hvor en total ellers ville afsløre et sådant tal, "
            "er endnu et tal skjult og vist som «x»."
        )
    )
