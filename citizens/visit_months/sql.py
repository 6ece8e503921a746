"""The SQL that keeps VisitMonth in step with citizens_visit, for PostgreSQL and SQLite.

Every statement here is built from fixed fragments of this module (no value from outside), so the
S608/B608 warnings on them are about string building, not injection.

Triggers rather than a Python call in each writer (issue 22): visits are written by the check-in
service, deleted by the undo, moved by a citizen merge, deleted by Django's cascade when a citizen
or an offer goes, loaded by COPY in the benchmark seeding and by bulk_create in the demo. A
trigger sees every one of them, and any writer added later, with no code to remember; both
databases the project runs on have row triggers, so the tests exercise the same mechanism.

A row of VisitMonth holds the month's days as bits (bit d-1 for day d). Since a visit is unique
per citizen, offer and day, adding a visit sets one bit that was clear, and deleting one clears a
bit that was set: the updates below add or take one from `visit_days` only when the bit changes,
so a repeated trigger (or a row already counted) never counts twice.
"""

from django.core.exceptions import ImproperlyConfigured

# How to write "the first day of the visit's month" and "the visit's day as a bit" per database.
_MONTH = {
    "postgresql": "date_trunc('month', {day})::date",
    "sqlite": "date({day}, 'start of month')",
}
_BIT = {
    "postgresql": "(1 << (extract(day from {day})::int - 1))",
    "sqlite": "(1 << (CAST(strftime('%d', {day}) AS INTEGER) - 1))",
}

# PostgreSQL: `SET astnet.visit_months_deferred = 'on'` lets a bulk load skip the triggers; the
# loader rebuilds the months it loaded afterwards (citizens.visit_months.services).
DEFERRED_SETTING = "astnet.visit_months_deferred"


def month_of(vendor: str, day: str) -> str:
    """SQL for the first day of the month of the date expression `day`."""
    return _MONTH[vendor].format(day=day)


def bit_of(vendor: str, day: str) -> str:
    """SQL for the bit of the date expression `day` in its month's bit set (day d: bit d-1)."""
    return _BIT[vendor].format(day=day)


def _add(vendor: str, row: str) -> str:
    return (
        "INSERT INTO citizens_visitmonth (offer_id, citizen_id, month, days, visit_days) "  # noqa: S608  # nosec B608 - fixed fragments
        f"VALUES ({row}.offer_id, {row}.citizen_id, {month_of(vendor, row + '.day')}, "
        f"{bit_of(vendor, row + '.day')}, 1) "
        "ON CONFLICT (offer_id, citizen_id, month) DO UPDATE SET "
        "days = citizens_visitmonth.days | excluded.days, "
        "visit_days = citizens_visitmonth.visit_days + 1 "
        "WHERE (citizens_visitmonth.days & excluded.days) = 0;"
    )


def _remove(vendor: str, row: str) -> str:
    key = (
        f"offer_id = {row}.offer_id AND citizen_id = {row}.citizen_id "
        f"AND month = {month_of(vendor, row + '.day')}"
    )
    bit = bit_of(vendor, row + ".day")
    # The last day of a month removes the row; any other clears its bit.
    return (
        f"UPDATE citizens_visitmonth SET days = days & ~{bit}, visit_days = visit_days - 1 "  # noqa: S608  # nosec B608 - fixed fragments
        f"WHERE {key} AND (days & {bit}) <> 0 AND days <> {bit}; "
        f"DELETE FROM citizens_visitmonth WHERE {key} AND days = {bit};"
    )


_CHANGED = (
    "OLD.citizen_id IS DISTINCT FROM NEW.citizen_id OR OLD.offer_id IS DISTINCT FROM NEW.offer_id "
    "OR OLD.day IS DISTINCT FROM NEW.day"
)


def create_triggers(vendor: str) -> list[str]:
    """The statements that create the triggers on `vendor` ("postgresql" or "sqlite").

    Raises ImproperlyConfigured on any other database: without the triggers the visit months
    would silently drift from the visits, so the migration must stop there."""
    if vendor == "postgresql":
        return [
            f"""
CREATE OR REPLACE FUNCTION citizens_visit_month_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('{DEFERRED_SETTING}', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT ({_CHANGED}) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        {_remove(vendor, "OLD")}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_add(vendor, "NEW")}
    END IF;
    RETURN NULL;
END;
$$""",
            "CREATE TRIGGER citizens_visit_month_sync AFTER INSERT OR DELETE OR UPDATE "
            "OF citizen_id, offer_id, day ON citizens_visit "
            "FOR EACH ROW EXECUTE FUNCTION citizens_visit_month_sync()",
        ]
    if vendor == "sqlite":
        changed = _CHANGED.replace("IS DISTINCT FROM", "IS NOT")
        return [
            "CREATE TRIGGER citizens_visit_month_insert AFTER INSERT ON citizens_visit "
            f"BEGIN {_add(vendor, 'NEW')} END",
            "CREATE TRIGGER citizens_visit_month_delete AFTER DELETE ON citizens_visit "
            f"BEGIN {_remove(vendor, 'OLD')} END",
            "CREATE TRIGGER citizens_visit_month_update AFTER UPDATE OF citizen_id, offer_id, day "
            f"ON citizens_visit WHEN {changed} "
            f"BEGIN {_remove(vendor, 'OLD')} {_add(vendor, 'NEW')} END",
        ]
    raise ImproperlyConfigured(
        f"astnet keeps visit months by triggers on PostgreSQL and SQLite only, not on {vendor}."
    )


def drop_triggers(vendor: str) -> list[str]:
    """The statements that remove the triggers again (the migration's way back)."""
    if vendor == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS citizens_visit_month_sync ON citizens_visit",
            "DROP FUNCTION IF EXISTS citizens_visit_month_sync()",
        ]
    return [
        f"DROP TRIGGER IF EXISTS citizens_visit_month_{name}"
        for name in ("insert", "delete", "update")
    ]


def summed(vendor: str, where: str = "") -> str:
    """SELECT offer_id, citizen_id, month, days, visit_days summed from citizens_visit: the rows
    VisitMonth must hold. SUM of the day bits is their OR, since no day repeats in a group."""
    return (
        f"SELECT offer_id, citizen_id, {month_of(vendor, 'day')} AS month, "  # noqa: S608  # nosec B608 - fixed fragments
        f"CAST(SUM({bit_of(vendor, 'day')}) AS INTEGER) AS days, COUNT(*) AS visit_days "
        f"FROM citizens_visit {where} GROUP BY offer_id, citizen_id, {month_of(vendor, 'day')}"
    )
