"""Small-number suppression (diskretionering) for every aggregate figure: dashboards, exports, reports.

A count between 1 and 4 could point at one citizen, so it is shown as "<5" (primary suppression).
Where a row or column has a published total, one hidden cell could be worked out as the total minus the
others, so a second cell in that line is hidden too (complementary suppression). The attacker we guard
against knows the published table and these rules: "<5" means 1–4, a hidden cell means some count >= 0.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from astnet.formats import format_number

THRESHOLD = 5
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


def _suppress(values, row_totals, column_totals):
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

    graph = _Graph(matrix, height, width, row_totals, total_row, with_grand_total)
    primary = {position for position, count in graph.published() if is_small(count)}
    # `narrow` are the figures marked "<5" (1–4); every other hidden figure is marked "x" (0 and up).
    hidden, narrow = set(primary), set(primary)
    while (pinned := graph.first_pinned(hidden, narrow)) is not None:
        to_hide = graph.cheapest_to_hide(pinned, hidden, narrow)
        if to_hide is not None:
            hidden.add(to_hide)
        else:
            narrow.discard(graph.cheapest_to_widen(pinned, narrow))

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


Position = tuple[int, int]
_FREE = "free"


class _Graph:
    """The published equations of a table as a bipartite graph, to find what an attacker can pin.

    Negate the totals and every line with a published total sums to zero: the table is a circulation
    between line nodes (rows on one side, columns on the other), one edge per figure. A line without a
    published total has no equation, so all such lines are merged into one node `_FREE`. Another table
    consistent with everything published differs from the true one by a circulation over the hidden
    figures, and such a difference splits into simple cycles that each move every figure on them by
    one step towards the other table (conformal decomposition; the system is totally unimodular). So
    a hidden figure has a second consistent value exactly when it lies on a cycle of hidden figures
    along which each can take one step in the cycle's direction without leaving what its mark
    allows ("<5": 1–4; "x": 0 and up).
    """

    def __init__(self, matrix, height, width, row_totals, total_row, with_grand_total):
        self.matrix = matrix
        self.height, self.width = height, width
        column_summed = [total_row is not None and total_row[j] is not None for j in range(width)]
        self.nodes: dict[Position, tuple] = {}
        self.signs: dict[Position, int] = {}
        for i, row in enumerate(matrix):
            for j, count in enumerate(row):
                if count is None:
                    continue
                # A line holds an equation when its total is published (the total row and the
                # total column only beside the grand total).
                row_has_equation = with_grand_total if i == height else row_totals
                column_has_equation = with_grand_total if j == width else column_summed[j]
                self.nodes[(i, j)] = (
                    ("row", i) if row_has_equation else _FREE,
                    ("column", j) if column_has_equation else _FREE,
                )
                # Totals enter the zero-sum lines negated; the grand total twice, so positively.
                self.signs[(i, j)] = (-1) ** ((i == height) + (j == width))

    def published(self):
        return [(position, self.matrix[position[0]][position[1]]) for position in self.nodes]

    def value_after(self, position, step) -> int:
        return self.matrix[position[0]][position[1]] + step * self.signs[position]

    def _can_step(self, position, step, narrow) -> bool:
        count = self.value_after(position, step)
        return 0 < count < THRESHOLD if position in narrow else count >= 0

    def _arcs(self, hidden, narrow, arcs=None):
        """Residual arcs: raising an edge's value sends flow row→column, lowering it column→row."""
        arcs = {node: list(heads) for node, heads in (arcs or {}).items()}
        for position in hidden:
            row_node, column_node = self.nodes[position]
            if self._can_step(position, +1, narrow):
                arcs.setdefault(row_node, []).append((column_node, position, +1))
            if self._can_step(position, -1, narrow):
                arcs.setdefault(column_node, []).append((row_node, position, -1))
        return arcs

    def witness(self, position, hidden, narrow, arcs=None) -> dict[Position, int] | None:
        """A cycle through `position` as the step (+1/-1, in the negated-totals sense) of each figure
        on it, or None when the figure is pinned. `arcs` are those of `hidden`, when known."""
        if arcs is None:
            arcs = self._arcs(hidden, narrow)
        row_node, column_node = self.nodes[position]
        for step, start, goal in ((+1, column_node, row_node), (-1, row_node, column_node)):
            if not self._can_step(position, step, narrow):
                continue
            path = self._path(arcs, start, goal, avoid=position)
            if path is not None:
                return {position: step} | path
        return None

    @staticmethod
    def _path(arcs, start, goal, avoid) -> dict[Position, int] | None:
        """Breadth-first from start to goal: the step of each figure on the way, or None."""
        came_from = {start: None}
        queue = [start]
        for node in queue:
            if node == goal:
                steps = {}
                while came_from[node] is not None:
                    node, via, step = came_from[node]
                    steps[via] = step
                return steps
            for head, via, step in arcs.get(node, ()):
                if via != avoid and head not in came_from:
                    came_from[head] = (node, via, step)
                    queue.append(head)
        return None

    def first_pinned(self, hidden, narrow) -> Position | None:
        arcs = self._arcs(hidden, narrow)
        for position in sorted(hidden):
            if self.witness(position, hidden, narrow, arcs) is None:
                return position
        return None

    def cheapest_to_hide(self, pinned, hidden, narrow) -> Position | None:
        """The figure whose hiding frees `pinned`, costing the reader least; else the cheapest
        figure on the pinned one's lines, which hiding brings closer to a cycle.

        Cost: body before totals, positive figures before zeros (a hidden zero hides nothing), then
        the smallest figure.
        """
        row_node, column_node = self.nodes[pinned]
        candidates = sorted(
            (
                p[0] == self.height or p[1] == self.width,
                self.matrix[p[0]][p[1]] == 0,
                self.matrix[p[0]][p[1]],
                p,
            )
            for p in self.nodes
            if p not in hidden
        )
        arcs = self._arcs(hidden, narrow)
        for *_cost, position in candidates:
            with_it = self._arcs([position], narrow, arcs)
            if self.witness(pinned, hidden | {position}, narrow, with_it) is not None:
                return position
        for *_cost, position in candidates:
            if {row_node, column_node} & set(self.nodes[position]):
                return position
        return candidates[0][-1] if candidates else None

    def cheapest_to_widen(self, pinned, narrow) -> Position:
        """With every figure hidden, a "<5" that still pins `pinned` is marked "x" instead.

        A small total bounds every figure in its lines (three figures of at least 1 under a total
        below 5 are all 1), so the grand total goes first, then the other totals, then `pinned`.
        """
        return min(
            narrow,
            key=lambda p: (
                p != (self.height, self.width),
                p[0] != self.height and p[1] != self.width,
                p != pinned,
                p,
            ),
        )


def method_note() -> str:
    return str(
        _(
            "Tal mellem 1 og 4 vises som «<5». Hvor en total ellers ville afsløre et sådant tal, "
            "er endnu et tal skjult og vist som «x»."
        )
    )
