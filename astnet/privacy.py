"""Small-number suppression (diskretionering) for every aggregate figure: dashboards, exports, reports.

A count between 1 and 4 could point at one citizen, so it is shown as "<5" (primary suppression).
Where a row or column has a published total, one hidden cell could be worked out as the total minus the
others, so a second cell in that line is hidden too (complementary suppression). The attacker we guard
against knows the published table and these rules: "<5" means 1–4, a hidden cell means some count >= 0.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from astnet.formats import format_number
from astnet.privacy_graph import THRESHOLD, Graph

SMALL = "<5"
HIDDEN = "x"
# How a share from fewer than THRESHOLD answers is published (suppress_share).
FEWER_THAN_FIVE_ANSWERS = _("færre end 5 svar")


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


def suppress_share(part: int, whole: int, *, behind: int) -> Cell:
    """The percentage (0–100, one decimal) `part` makes of `whole`, e.g. positive answers of all
    answers. A share is shown only when at least THRESHOLD people stand behind it (`behind`, e.g.
    filled-in surveys): fewer are published as "fewer than five answers" (primary), none as "–".
    Issue 21: no satisfaction share from fewer than five answers."""
    if behind <= 0 or whole <= 0:
        return Cell(None, "–")
    if behind < THRESHOLD:
        return Cell(None, str(FEWER_THAN_FIVE_ANSWERS), primary=True)
    share = round(100 * part / whole, 1)
    return Cell(share, format_number(share, 1))


def suppress_table(
    values: Sequence[Sequence[int]],
    *,
    row_totals: bool = False,
    column_totals: bool | Sequence[bool] = False,
) -> SuppressedTable:
    """Suppress a table of counts and the totals published with it (issue 16).

    `column_totals` may name, per column, whether its total is published (a column of distinct citizens
    has no meaningful sum). The grand total is published when row totals and every column total are.
    Every hidden figure keeps at least two values consistent with everything published, zeros and
    totals included; where even hiding every figure cannot give that (a small total over several
    small figures), a "<5" is widened to "x". Raises ValueError on ragged or negative input.
    """
    return _suppress(values, row_totals, column_totals)[0]


def consistent_alternatives(
    values: Sequence[Sequence[int]],
    *,
    row_totals: bool = False,
    column_totals: bool | Sequence[bool] = False,
) -> tuple[SuppressedTable, dict[tuple[int, int], list[list[int | None]]]]:
    """The proof behind `suppress_table`: the suppressed table and, for each hidden figure, another
    full table (body, then the total column and the total row as `suppress_table` lays them out,
    None where nothing is published) that agrees with everything published yet differs in that
    figure. Tests check each one."""
    table, graph, hidden, narrow = _suppress(values, row_totals, column_totals)
    alternatives = {}
    for position in hidden:
        steps = graph.witness(position, hidden, narrow)
        alternatives[position] = [
            [
                None if count is None else graph.value_after((i, j), steps.get((i, j), 0))
                for j, count in enumerate(row)
            ]
            for i, row in enumerate(graph.matrix)
        ]
    return table, alternatives


def suppression_pattern(
    values: Sequence[Sequence[int]],
    *,
    row_totals: bool = False,
    column_totals: bool | Sequence[bool] = False,
) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
    """Which figures `suppress_table` hides, without formatting anything: (hidden, marked "<5") as
    (row, column) positions in the full layout (body, then the total column at index `width` and the
    total row at index `height`). Hidden but not "<5" is "x". Same arguments and errors as
    `suppress_table`; cheap for tables alike below 5 (the exhaustive test calls it a million times).
    """
    matrix, height, width, total_row, with_grand_total = _layout(values, row_totals, column_totals)
    return _decide(
        tuple(
            tuple(None if count is None else min(count, THRESHOLD) for count in row)
            for row in matrix
        ),
        height,
        width,
        row_totals,
        total_row is not None,
        with_grand_total,
    )


def _layout(values, row_totals, column_totals):
    """The full matrix (body, a total column on the right, a total row at the bottom; None where a
    total is not published) and its shape. Raises ValueError on ragged or negative input."""
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
    height = len(grid)
    matrix = [row + ([sum(row)] if row_totals else []) for row in grid]
    total_row = None
    if any(summed):
        total_row = [sum(row[j] for row in grid) if summed[j] else None for j in range(width)]
        if row_totals:
            total_row.append(sum(sum(row) for row in grid) if with_grand_total else None)
        matrix.append(total_row)
    return matrix, height, width, total_row, with_grand_total


def _suppress(values, row_totals, column_totals):
    matrix, height, width, total_row, with_grand_total = _layout(values, row_totals, column_totals)
    graph = Graph(matrix, height, width, row_totals, total_row, with_grand_total)
    hidden, narrow = suppression_pattern(values, row_totals=row_totals, column_totals=column_totals)

    def cell(i: int, j: int) -> Cell | None:
        count = matrix[i][j]
        if count is None:
            return None
        if (i, j) in narrow:
            return Cell(None, SMALL, primary=True)
        if (i, j) in hidden:
            return Cell(None, HIDDEN, complementary=True)
        return Cell(count, format_number(count))

    table = SuppressedTable(
        rows=[[cell(i, j) for j in range(width)] for i in range(height)],
        row_totals=[cell(i, width) for i in range(height)] if row_totals else None,
        column_totals=[cell(height, j) for j in range(width)] if total_row is not None else None,
        grand_total=cell(height, width) if with_grand_total else None,
    )
    return table, graph, hidden, narrow


@functools.lru_cache(maxsize=4096)
def _decide(capped, height, width, row_totals, with_total_row, with_grand_total):
    """Which published figures to hide (all of them) and which of those to mark "<5" (the rest are
    "x"), as positions in the full layout.

    The decision sees every figure capped at THRESHOLD: the rules tell 0, 1, 2, 3, 4 and "5 or more"
    apart and nothing else (a figure of 5 or more can step one up or down as freely as any other),
    so two tables alike below 5 are suppressed alike. That is what lets the exhaustive test in
    tests/astnet/test_privacy.py stand for every table, and what lets this cache serve repeated
    shapes. A total is capped like the figures it sums, so the capped totals stay consistent.
    """
    matrix = [list(row) for row in capped]
    total_row = matrix[height] if with_total_row else None
    graph = Graph(matrix, height, width, row_totals, total_row, with_grand_total)
    primary = {position for position, count in graph.published() if is_small(count)}
    # `narrow` are the figures marked "<5" (1–4); every other hidden figure is marked "x" (0 and up).
    hidden, narrow = set(primary), set(primary)
    while (pinned := graph.first_pinned(hidden, narrow)) is not None:
        to_hide = graph.cheapest_to_hide(pinned, hidden, narrow)
        if to_hide:
            hidden |= to_hide
        else:
            narrow.discard(graph.cheapest_to_widen(pinned, narrow))
    return frozenset(hidden), frozenset(narrow)


def method_note() -> str:
    """The sentence shown beside every suppressed table, in reports and in exports: what "<5" and
    "x" stand for, in plain Danish (issue 16). "x" covers both a figure hidden so that a small one
    cannot be worked out from the totals and a small figure widened from "<5" (see `_decide`)."""
    return str(
        _(
            "Tal mellem 1 og 4 vises som «<5», så ingen borger kan genkendes. «x» er også et skjult "
            "tal: enten et lille tal (1–4) eller et tal, der er skjult, for at et lille tal ikke "
            "skal kunne regnes ud fra totalerne."
        )
    )
