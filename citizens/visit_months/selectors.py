"""Visits and distinct citizens in a period, counted exactly from the visit months (issue 22).

A citizen counts in a period when they came on at least one of its days. A period with a whole
month in it is read from VisitMonth, the period's months only: whole months count their rows'
visit_days; in a first or last month the period covers only in part, a row counts the bits of
the days inside (bit_count of its day bits masked by the period) and is left out when none is.
That is about half the rows the visits would be, and the same numbers to the visit
(tests/citizens/test_visit_months.py compares them with raw counts). A period without a whole
month (the last 30 days, say) reads its own days' visits: fewer rows than its two months.
No query reads a day (or month) outside its period.

Distinct citizens are COUNT(DISTINCT): per offer the rows arrive in the index's offer order and
each offer's sort is small; measured against a two-level GROUP BY (hash) it was as fast or
faster for every figure here. Weeks cannot come from months: weekly_counts reads the period's
visits, with the ISO week as integer arithmetic."""

import datetime
from collections.abc import Sequence

from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, When
from django.db.models.expressions import Func

from astnet.figures import Period
from citizens.models import Visit
from citizens.visit_months.models import ALL_DAYS, VisitMonth

Counts = dict[tuple, dict[str, int]]


def _days_from(day: int) -> int:
    """The bits of days `day` to 31 of a month."""
    return ALL_DAYS & ~((1 << (day - 1)) - 1)


def _days_to(day: int) -> int:
    """The bits of days 1 to `day` of a month."""
    return (1 << day) - 1


class DayCount(Func):
    """How many days a VisitMonth bit set holds (its set bits): PostgreSQL's bit_count, and on
    SQLite the function citizens.apps registers on every connection."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="bit_count(CAST(%(expressions)s AS bit(32)))", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="astnet_bit_count(%(expressions)s)", **extra
        )


def bit_count(value: int | None) -> int | None:
    """The SQLite side of DayCount."""
    return None if value is None else value.bit_count()


def _after(day: datetime.date) -> datetime.date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def whole_months(period: Period) -> tuple[datetime.date, datetime.date] | None:
    """The first days of the first and the last month the period covers entirely, or None."""
    first = period.start if period.start.day == 1 else _after(period.start)
    if _after(period.end) - datetime.timedelta(days=1) == period.end:
        last = period.end.replace(day=1)
    else:
        last = (period.end.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return (first, last) if first <= last else None


def _counted(rows: QuerySet, group: Sequence[str], visits, citizens: bool) -> Counts:
    """Visits (the `visits` aggregate) and distinct citizens of `rows` per group, one query."""
    aggregates = _aggregates(visits, citizens)
    keys = _group_keys(group)
    if keys:
        found = rows.annotate(**keys).values(*keys).annotate(**aggregates)
    else:
        found = [rows.aggregate(**aggregates)]
    return {
        tuple(row[key] for key in keys): {
            "visits": row["visits"] or 0,
            "citizens": row.get("citizens", 0),
        }
        for row in found
        if row["visits"]
    }


def _aggregates(visits, citizens: bool) -> dict:
    aggregates = {"visits": visits}
    if citizens:
        aggregates["citizens"] = Count("citizen", distinct=True)
    return aggregates


def _group_keys(group: Sequence[str]) -> dict[str, F]:
    return {f"g{index}": F(path) for index, path in enumerate(group)}


class _Grouping(Func):
    """PostgreSQL's GROUPING(): 1 on the row of a GROUPING SETS query that totals every group."""

    function = "GROUPING"
    contains_aggregate = True
    output_field = IntegerField()


def _counted_with_total(rows: QuerySet, group: Sequence[str], visits, citizens: bool) -> Counts:
    """`_counted` per group and, under the key (), for all the groups together.

    On PostgreSQL one query reads the rows once: the groups and the total are its GROUPING SETS
    (Django has no ORM form for them, so the compiled query's GROUP BY of the select list's
    positions is rewritten). Elsewhere, or if Django ever compiles the grouping differently, the
    total is a second query. Same counts either way (tests/citizens/test_visit_months.py)."""
    keys = _group_keys(group)
    grouped = (
        rows.annotate(**keys)
        .values(*keys)
        .annotate(**_aggregates(visits, citizens), grand_total=_Grouping(F(group[0])))
    )
    connection = connections[grouped.db]
    sql, params = grouped.query.sql_with_params()
    head, found, positions = sql.rpartition(" GROUP BY ")
    if connection.vendor != "postgresql" or not found or positions != _positions(len(keys)):
        counts = _counted(rows, group, visits, citizens)
        counts.update(_counted(rows, (), visits, citizens))
        return counts
    with connection.cursor() as cursor:
        cursor.execute(f"{head} GROUP BY GROUPING SETS (({positions}), ())", params)
        names = [column.name for column in cursor.description]
        found_rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {
        () if row["grand_total"] else tuple(row[key] for key in keys): {
            "visits": int(row["visits"] or 0),
            "citizens": row.get("citizens", 0),
        }
        for row in found_rows
        if row["visits"]
    }


def _positions(count: int) -> str:
    """How Django's PostgreSQL compiler groups by the first `count` columns of the select list."""
    return ", ".join(str(position) for position in range(1, count + 1))


def _in_months(period: Period, whole: tuple[datetime.date, datetime.date], offers) -> tuple:
    """The VisitMonth rows with a day in the period, and the aggregate of their visits in it:
    whole months' rows count their visit_days; a first or last month the period covers in part
    counts the bits of its days inside (and has a row only for a citizen who came on one)."""
    start_month, end_month = period.start.replace(day=1), period.end.replace(day=1)
    rows = VisitMonth.objects.filter(month__range=(start_month, end_month))
    if offers is not None:
        rows = rows.filter(offer__in=offers)
    if whole == (start_month, end_month):
        return rows, Sum("visit_days")
    came = Q(month__range=whole)
    days = []
    if start_month < whole[0]:
        head = _days_from(period.start.day)
        rows = rows.annotate(head=F("days").bitand(head))
        came |= Q(month=start_month, head__gt=0)
        days.append(When(month=start_month, then=DayCount("head")))
    if end_month > whole[1]:
        tail = _days_to(period.end.day)
        rows = rows.annotate(tail=F("days").bitand(tail))
        came |= Q(month=end_month, tail__gt=0)
        days.append(When(month=end_month, then=DayCount("tail")))
    inside = Case(*days, default=F("visit_days"), output_field=IntegerField())
    return rows.filter(came), Sum(inside)


def visit_counts(
    period: Period,
    *,
    offers: QuerySet | None = None,
    group: Sequence[str] = (),
    citizens: bool = True,
    total: bool = False,
) -> Counts:
    """Visits and distinct citizens in `period` (dates inclusive, local days), per value of the
    `group` lookups from a visit (e.g. ("offer",), ("offer__district",); none: one total keyed
    ()), at `offers` (all when None). Returns {key tuple: {"visits": n, "citizens": n}}; groups
    without visits are missing. One query. A period with a whole month in it is read from the
    visit months of its months; a shorter one from its own days' visits (fewer rows than its
    months would be). `citizens=False` counts visits only (every "citizens" 0).

    `total` (with a `group`) adds the key () for all the groups together, whose citizens are
    people counted once, not the groups' sum: in the same query on PostgreSQL, which reads the
    rows once where a second query read them again (issue 22: the key figures and the visits per
    offer of a twelve-month dashboard were four queries of some 35 ms each)."""
    whole = whole_months(period)
    if whole is None:
        rows = Visit.objects.filter(day__range=period.as_range())
        if offers is not None:
            rows = rows.filter(offer__in=offers)
        visits = Count("citizen")
    else:
        rows, visits = _in_months(period, whole, offers)
    if total and group:
        return _counted_with_total(rows, group, visits, citizens)
    return _counted(rows, group, visits, citizens)


class WeekNumber(Func):
    """Whole weeks from Monday 1 January 1900 to a date: the same number for each day of one ISO
    week, computed as arithmetic (TruncWeek's timestamp conversion per row cost more)."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((%(expressions)s - DATE '1900-01-01') / 7)", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST((julianday(%(expressions)s) - julianday('1900-01-01')) / 7 AS INTEGER)",
            **extra,
        )


MONDAY_ZERO = datetime.date(1900, 1, 1)


def weekly_counts(period: Period, *, offers: QuerySet | None = None) -> dict[datetime.date, tuple]:
    """Visits and distinct citizens per ISO week in `period`, keyed by the week's Monday: one
    query over the period's own visits (a week's citizens cannot come from months). Here
    COUNT(DISTINCT) beats the two levels: a year has some 100 000 (week, citizen) pairs, more
    than a hash table holds in PostgreSQL's default work_mem, while its sort per week is small."""
    where = Q(offer__in=offers) if offers is not None else Q()
    rows = (
        Visit.objects.filter(where, day__range=period.as_range())
        .annotate(week=WeekNumber("day"))
        .values("week")
        .annotate(visits=Count("citizen"), citizens=Count("citizen", distinct=True))
    )
    return {
        MONDAY_ZERO + datetime.timedelta(weeks=row["week"]): (row["visits"], row["citizens"])
        for row in rows
    }
