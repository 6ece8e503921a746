"""Writes to VisitMonth outside the triggers: the rebuild after a bulk load, and the nightly check
that compares it with the visits it sums and repairs what differs (issue 22).

The triggers (citizens/visit_months/sql.py) keep the table in step on every write; the check is
the proof, not the mechanism. Its log lines and its record hold counts only, never a citizen.
"""

import contextlib
import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone

from citizens.visit_months import sql
from citizens.visit_months.models import VisitMonth, VisitMonthCheck

logger = logging.getLogger(__name__)

# The nightly check looks at this many months back from the current one: a visit can be recorded
# or corrected for a past day, but rarely much later.
CHECKED_MONTHS = 3


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _months_back(month: datetime.date, count: int) -> datetime.date:
    year, index = divmod(month.year * 12 + month.month - 1 - count, 12)
    return datetime.date(year, index + 1, 1)


def _after(month: datetime.date) -> datetime.date:
    """The first day of the month after `month`."""
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _where(first_month: datetime.date | None, last_month: datetime.date | None) -> tuple:
    """A WHERE on citizens_visit.day for whole months, and its parameters."""
    parts, params = [], []
    if first_month is not None:
        parts.append("day >= %s")
        params.append(first_month)
    if last_month is not None:
        parts.append("day < %s")
        params.append(_after(last_month))
    return ("WHERE " + " AND ".join(parts) if parts else ""), params


def _months(first_month, last_month):
    rows = VisitMonth.objects.all()
    if first_month is not None:
        rows = rows.filter(month__gte=first_month)
    if last_month is not None:
        rows = rows.filter(month__lte=last_month)
    return rows


def _lock_visits(cursor) -> None:
    # While the months are summed afresh, no visit may be written: its trigger would change a row
    # this transaction is about to replace. SHARE ROW EXCLUSIVE lets readers (dashboards) go on.
    if connection.vendor == "postgresql":
        cursor.execute("LOCK TABLE citizens_visit IN SHARE ROW EXCLUSIVE MODE")


def visit_months_rebuild(
    *, first_month: datetime.date | None = None, last_month: datetime.date | None = None
) -> int:
    """Sum VisitMonth afresh from citizens_visit for the months from `first_month` to
    `last_month` (first days of months; None: no bound). Returns the rows written. Visits cannot
    be written meanwhile on PostgreSQL (a table lock, a few seconds for the whole city)."""
    where, params = _where(first_month, last_month)
    with transaction.atomic(), connection.cursor() as cursor:
        _lock_visits(cursor)
        _months(first_month, last_month).delete()
        cursor.execute(
            "INSERT INTO citizens_visitmonth (offer_id, citizen_id, month, days, visit_days) "
            + sql.summed(connection.vendor, where),
            params,
        )
        return cursor.rowcount


@contextlib.contextmanager
def visit_months_deferred():
    """A bulk load of visits without the per-row triggers, summed once at the end. PostgreSQL
    only (a session setting the trigger reads); elsewhere the triggers run as usual."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET {sql.DEFERRED_SETTING} = 'on'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"RESET {sql.DEFERRED_SETTING}")
    visit_months_rebuild()


def _count_wrong(cursor, where: str, params: list, first_month, last_month) -> tuple[int, int]:
    """(rows the visits sum to, rows differing between that and VisitMonth) for the months."""
    summed = sql.summed(connection.vendor, where)
    stored = (
        "SELECT offer_id, citizen_id, month, days, visit_days FROM citizens_visitmonth "
        "WHERE month >= %s AND month <= %s"
    )
    cursor.execute(
        f"SELECT (SELECT COUNT(*) FROM ({summed}) AS s), "  # noqa: S608  # nosec B608 - fixed SQL, values bound
        f"(SELECT COUNT(*) FROM ({summed} EXCEPT {stored}) AS missing), "
        f"(SELECT COUNT(*) FROM ({stored} EXCEPT {summed}) AS extra)",
        [*params, *params, first_month, last_month, first_month, last_month, *params],
    )
    total, missing, extra = cursor.fetchone()
    return total, missing + extra


def visit_months_check(*, today: datetime.date | None = None) -> VisitMonthCheck:
    """Compare VisitMonth with the visits of the last CHECKED_MONTHS months and this one, repair
    the months if anything differs, and record the counts (VisitMonthCheck). Logs counts only."""
    this_month = _first_of_month(today or timezone.localdate())
    first_month = _months_back(this_month, CHECKED_MONTHS)
    where, params = _where(first_month, this_month)
    with connection.cursor() as cursor:
        total, wrong = _count_wrong(cursor, where, params, first_month, this_month)
    if wrong:
        logger.warning(
            "visit months %s–%s: %s of %s rows differed from the visits; summed afresh",
            first_month,
            this_month,
            wrong,
            total,
        )
        visit_months_rebuild(first_month=first_month, last_month=this_month)
    else:
        logger.info(
            "visit months %s–%s: %s rows agree with the visits", first_month, this_month, total
        )
    return VisitMonthCheck.objects.create(
        first_month=first_month, last_month=this_month, rows_checked=total, rows_wrong=wrong
    )
