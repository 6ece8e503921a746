"""The published equations of a suppressed table, as a graph: which hidden figure an attacker can
pin, and which further figures to hide so that none is pinned (issue 16). Used by astnet/privacy.py,
which decides on figures capped at THRESHOLD (see `privacy._decide`)."""

import heapq

THRESHOLD = 5

Position = tuple[int, int]
_FREE = "free"


class Graph:
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

    def cheapest_to_hide(self, pinned, hidden, narrow) -> set[Position]:
        """The fewest further figures whose hiding puts `pinned` on a cycle (frees it), or an empty
        set when even hiding every figure would not (then a "<5" has to widen).

        A cheapest path between the pinned figure's two lines, where a hidden figure costs nothing
        and a published one costs, in this order: one more figure hidden, a total rather than a
        body figure, a zero (a hidden zero hides nothing), then reading order. Every figure left to
        choose from is 0 or at least 5 (1–4 are hidden already) and the matrix holds figures capped
        at 5 (see `privacy._decide`), so a 9 costs no less than a 40: with the totals published a reader
        can bound either within the same few counts.
        """
        arcs = self._arcs(hidden, narrow)
        extra: dict = {}
        for position in sorted(self.nodes):
            if position in hidden:
                continue
            cost = (
                1,
                int(position[0] == self.height or position[1] == self.width),
                int(self.matrix[position[0]][position[1]] == 0),
            )
            row_node, column_node = self.nodes[position]
            if self._can_step(position, +1, narrow):
                extra.setdefault(row_node, []).append((column_node, position, cost))
            if self._can_step(position, -1, narrow):
                extra.setdefault(column_node, []).append((row_node, position, cost))
        row_node, column_node = self.nodes[pinned]
        best = None
        for step, start, goal in ((+1, column_node, row_node), (-1, row_node, column_node)):
            if not self._can_step(pinned, step, narrow):
                continue
            found = self._cheapest_path(arcs, extra, start, goal, avoid=pinned)
            if found is not None and (best is None or found < best):
                best = found
        return set(best[1]) if best is not None else set()

    @staticmethod
    def _cheapest_path(arcs, extra, start, goal, avoid):
        """Dijkstra from start to goal: (cost, sorted published figures on the path), or None."""
        zero = (0, 0, 0)
        done = set()
        # The counter breaks ties before the nodes, which do not compare ("free" against a tuple).
        heap = [(zero, (), 0, start)]
        counter = 0
        while heap:
            cost, figures, _order, node = heapq.heappop(heap)
            if node == goal:
                return cost, figures
            if node in done:
                continue
            done.add(node)
            for head, via, _step in arcs.get(node, ()):
                if via != avoid and head not in done:
                    counter += 1
                    heapq.heappush(heap, (cost, figures, counter, head))
            for head, via, extra_cost in extra.get(node, ()):
                if via != avoid and head not in done:
                    counter += 1
                    total = tuple(a + b for a, b in zip(cost, extra_cost, strict=True))
                    heapq.heappush(heap, (total, tuple(sorted((*figures, via))), counter, head))
        return None

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
