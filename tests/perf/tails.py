"""Where a page's slowest requests come from, from every request the load made (the locustfile
writes them: start, page, ms, worker, user). Issue 22 asks, where a target is missed, where the
remaining time goes, measured: this tells a tail made by cold per-process caches (a worker serving
a user a page for the first time) from one made by the machine (slow requests at any time)."""

import csv
import math
from pathlib import Path


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile of `values` (`share` 0.95 for the p95); None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def read(path: Path) -> list[dict]:
    """The locustfile's requests.csv as dicts with `start` (s), `page`, `ms`, `worker`, `user`."""
    with open(path, newline="") as handle:
        return [
            {**row, "start": float(row["start"]), "ms": float(row["ms"])}
            for row in csv.DictReader(handle)
        ]


def tail_report(requests: list[dict], page: str) -> dict:
    """For `page`'s requests: `count`; `p50` and `p95` (ms); `first_share`, the share that were
    the first time that worker served that user this page in the run; `p95_first` and
    `p95_again`, the p95 of those and of the rest; and of the slowest 5 % (`slowest`), how many
    were such first requests (`slowest_first`) and how many started in the run's first tenth
    (`slowest_early`). A request without a user (anonymous, administration) counts as served
    again after the worker's first request of that page."""
    ordered = sorted(requests, key=lambda row: row["start"])
    if not ordered:
        return {}
    began, ended = ordered[0]["start"], ordered[-1]["start"]
    early_until = began + (ended - began) / 10
    seen, first, again = set(), [], []
    for row in ordered:
        if row["page"] != page:
            continue
        key = (row["worker"], row["user"])
        (again if key in seen else first).append(row)
        seen.add(key)
    rows = first + again
    if not rows:
        return {}
    times = [row["ms"] for row in rows]
    threshold = percentile(times, 0.95)
    slowest = [row for row in rows if row["ms"] >= threshold]
    first_ids = {id(row) for row in first}
    return {
        "count": len(rows),
        "p50": percentile(times, 0.5),
        "p95": threshold,
        "first_share": len(first) / len(rows),
        "p95_first": percentile([row["ms"] for row in first], 0.95),
        "p95_again": percentile([row["ms"] for row in again], 0.95),
        "slowest": len(slowest),
        "slowest_first": sum(id(row) in first_ids for row in slowest),
        "slowest_early": sum(row["start"] < early_until for row in slowest),
    }
