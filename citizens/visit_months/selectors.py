"""Visits and distinct citizens in a period, counted exactly from the visit months (issue 22).

A citizen counts in a period when they came on at least one of its days. Each VisitMonth row
holds the days of its month as bits, so the period's days inside a row are the row's bits
masked by the period (whole months: all of them; the first and last month: from the first day,
to the last day), their number is that mask's bit count, and a row with none is left out. Every
query reads the period's months and no other: about half the rows the visits would be, and the
same numbers to the visit (tests/citizens/test_visit_months.py compares them with raw counts).

Each count is one query of two levels: the inner groups by (group, citizen), the outer counts
those rows. PostgreSQL answers that with hash aggregates, where COUNT(DISTINCT) sorts every row
(issue 22: COUNT(DISTINCT) was 90 % of the figures' SQL time). Weeks cannot come from months:
weekly_counts reads the period's visits."""

import datetime
from collections.abc import Sequence

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
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


def _two_levels(inner: QuerySet, width: int) -> Counts:
    """Runs `inner` (values g0…g{width-1}, citizen and v, grouped by them) inside one query that
    sums v and counts the citizens per group."""
    sql, params = inner.query.sql_with_params()
    keys = ", ".join(f"g{index}" for index in range(width))
    select = f"{keys}, " if keys else ""
    group = f" GROUP BY {keys}" if keys else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {select}SUM(v), COUNT(*) FROM ({sql}) AS per_citizen{group}",  # noqa: S608  # nosec B608 - the ORM's SQL, values bound
            params,
        )
        return {
            tuple(row[:width]): {"visits": int(row[width] or 0), "citizens": row[width + 1]}
            for row in cursor.fetchall()
        }


def _visits_only(rows: QuerySet, group: Sequence[str], visits) -> Counts:
    keys = {f"g{index}": F(path) for index, path in enumerate(group)}
    if not keys:
        total = rows.aggregate(visits=visits)["visits"] or 0
        return {(): {"visits": total, "citizens": 0}} if total else {}
    return {
        tuple(row[key] for key in keys): {"visits": row["visits"] or 0, "citizens": 0}
        for row in rows.annotate(**keys).values(*keys).annotate(visits=visits)
    }


def months_in(period: Period, offers: QuerySet | None = None) -> tuple[QuerySet, bool]:
    """The VisitMonth rows of the period's months with `inside`: the bits of the period's days
    the citizen came on, and only rows with at least one (so, exact for any period); and
    whether the period is whole months (then `inside` is every day of the row)."""
    start_month, end_month = period.start.replace(day=1), period.end.replace(day=1)
    head, tail = _days_from(period.start.day), _days_to(period.end.day)
    if end_month == start_month:
        head = tail = head & tail
    last_day_of_end = (end_month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
        days=1
    )
    rows = VisitMonth.objects.filter(month__range=(start_month, end_month))
    if offers is not None:
        rows = rows.filter(offer__in=offers)
    if period.start.day == 1 and period.end == last_day_of_end:
        # Whole months: every day of every row is inside.
        return rows.annotate(inside=F("days")), True
    mask = Case(
        When(month=start_month, then=Value(head)),
        When(month=end_month, then=Value(tail)),
        default=Value(ALL_DAYS),
        output_field=IntegerField(),
    )
    return rows.annotate(inside=F("days").bitand(mask)).filter(inside__gt=0), False


def visit_counts(
    period: Period,
    *,
    offers: QuerySet | None = None,
    group: Sequence[str] = (),
    citizens: bool = True,
) -> Counts:
    """Visits and distinct citizens in `period` (dates inclusive, local days), per value of the
    `group` lookups from a visit month (e.g. ("offer",), ("offer__district",); none: one total
    keyed ()), at `offers` (all when None). Returns {key tuple: {"visits": n, "citizens": n}};
    groups without visits are missing. One query, reading the period's months only.
    `citizens=False` counts visits only (every "citizens" 0), without the per-citizen level."""
    rows, whole = months_in(period, offers)
    visits = Sum("visit_days") if whole else Sum(DayCount("inside"))
    if not citizens:
        return _visits_only(rows, group, visits)
    keys = {f"g{index}": F(path) for index, path in enumerate(group)}
    inner = rows.annotate(**keys).values(*keys, "citizen").annotate(v=visits)
    counts = _two_levels(inner, len(group))
    return {key: value for key, value in counts.items() if value["citizens"]}


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
