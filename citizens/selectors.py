"""Reads about citizens for the pages: every query is scoped through astnet.access."""

import datetime
import functools

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    F,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Window,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404

from astnet import access
from astnet.people import name_fields
from astnet.row_urls import row_url
from astnet.sql_names import quoted, vendor
from citizens.access import attendance_offer_ids
from citizens.courses.models import Enrollment, Goal
from citizens.models import (
    AnonymousVisits,
    Citizen,
    Consent,
    ExpectationTalk,
    FollowUp,
    Outreach,
    Visit,
    VisitMonth,
)
from offers.models import Offer

SEARCH_LIMIT = 20


def attendance_offers(user) -> QuerySet:
    """The offers where the user takes attendance: staff at their own offers."""
    return access.scope(user, Offer, "change").filter(pk__in=attendance_offer_ids(user))


def attendance_offer(user, offer_id: int) -> Offer:
    """The offer where the user takes attendance, from the memberships already loaded (no query);
    404 for any other offer."""
    offer = access.staff_offers(user).get(offer_id)
    if offer is None:
        raise Http404
    return offer


def _with_visit_on(citizens: QuerySet, *, offer: Offer, day: datetime.date) -> QuerySet:
    """Each citizen with their visit at `offer` on `day`, if any, in the same query: a row of the
    roster or its search, which shows the chosen name and nothing else of the citizen (only that
    column is read: a hundred rows, issue 22)."""
    visit = Visit.objects.filter(citizen=OuterRef("pk"), offer=offer, day=day)
    return citizens.only("chosen_name").annotate(
        visit_id=Subquery(visit.values("pk")[:1]),
        visit_created_at=Subquery(visit.values("created_at")[:1]),
    )


def roster_for_offer(*, offer: Offer, user, day: datetime.date) -> QuerySet:
    """The offer's regulars, each with today's check-in; one query whatever their number."""
    regulars = access.scope(user, Citizen, "change").filter(home_offers=offer)
    return _with_visit_on(regulars, offer=offer, day=day).order_by("chosen_name", "pk")


def roster_page(*, offer: Offer, user, day: datetime.date, number, per_page: int) -> Page:
    """One page of the roster, its rows fetched here (not lazily in the template) with the count
    of all rows in the same query (a window count), so no separate COUNT; a page number out of
    range gives the last page (a second query, only then). Each row carries its links
    (`with_row_links`)."""
    roster = roster_for_offer(offer=offer, user=user, day=day).annotate(total=Window(Count("pk")))
    paginator = Paginator(roster, per_page)
    try:
        wanted = max(1, int(number))
    except (TypeError, ValueError):
        wanted = 1
    rows = list(roster[(wanted - 1) * per_page : wanted * per_page])
    if not rows and wanted > 1:
        total = roster.count()
        wanted = max(1, -(-total // per_page))
        rows = list(roster[(wanted - 1) * per_page : wanted * per_page])
    # Paginator.count is a cached property: the window count fills it without a query.
    paginator.__dict__["count"] = rows[0].total if rows else 0
    return Page(with_row_links(rows, offer=offer), wanted, paginator)


def with_row_links(citizens, *, offer: Offer) -> list[Citizen]:
    """The citizens, each given the links its roster row shows (detail, check-in, undo), built
    from one reverse per link rather than one per row."""
    detail = row_url("citizens:detail")
    check_in = row_url("citizens:check_in", offer.pk)
    undo = row_url("citizens:undo_check_in", offer.pk)
    citizens = list(citizens)
    for citizen in citizens:
        citizen.detail_url = detail(citizen.pk)
        citizen.check_in_url = check_in(citizen.pk)
        citizen.undo_url = undo(citizen.pk)
    return citizens


def citizen_search(*, offer: Offer, user, day: datetime.date, query: str) -> list[Citizen]:
    """Citizens the user works with whose chosen name contains `query` (at most SEARCH_LIMIT),
    each with today's visit and its row's links."""
    found = access.scope(user, Citizen, "change").filter(chosen_name__icontains=query.strip())
    found = _with_visit_on(found, offer=offer, day=day).order_by("chosen_name", "pk")
    return with_row_links(found[:SEARCH_LIMIT], offer=offer)


def same_name_at_offer(*, offer: Offer, user, chosen_name: str, day: datetime.date) -> QuerySet:
    """Citizens the user works with, regulars at `offer`, whose chosen name is `chosen_name`
    (ignoring case and spaces around it): the ones to show before creating another (issue 19)."""
    found = (
        access.scope(user, Citizen, "change")
        .filter(chosen_name__iexact=chosen_name.strip(), home_offers=offer)
        .distinct()
    )
    return _with_visit_on(found, offer=offer, day=day).order_by("chosen_name", "pk")


def merge_candidates(*, user, keep: Citizen, query: str) -> QuerySet:
    """Citizens the user may change, other than `keep`, whose chosen name contains `query`:
    the possible duplicates of `keep` (issue 19)."""
    found = access.scope(user, Citizen, "change").exclude(pk=keep.pk)
    if query:
        found = found.filter(chosen_name__icontains=query)
    return found.prefetch_related("home_offers").order_by("chosen_name", "pk")


def citizen_with_visit(*, user, citizen_id: int, offer: Offer, day: datetime.date) -> Citizen:
    """One citizen the user may check in, with the visit at `offer` on `day` and the row's links;
    404 otherwise."""
    citizens = _with_visit_on(access.scope(user, Citizen, "change"), offer=offer, day=day)
    return with_row_links([get_object_or_404(citizens, pk=citizen_id)], offer=offer)[0]


def checked_in_row(citizen: Citizen, visit: Visit, *, offer: Offer) -> Citizen:
    """The roster row of a citizen just checked in, from the check-in's own visit (no query)."""
    citizen.visit_id, citizen.visit_created_at = visit.pk, visit.created_at
    return with_row_links([citizen], offer=offer)[0]


def citizen_to_check_in(*, user, citizen_id: int, offer: Offer) -> Citizen:
    """A citizen the user may check in at `offer` (404 otherwise), in one query, with what a
    check-in needs besides (issue 22): `open_follow_up`, whether they have an open follow-up at
    `offer` (the check-in closes it; without one it skips that UPDATE). Without today's visit,
    which the check-in itself answers."""
    citizens = Citizen.objects.annotate(
        open_follow_up=RawSQL(  # noqa: S611  # nosec B611 - names from the models, values bound
            _open_follow_up_sql(), (citizen_id, offer.pk), output_field=BooleanField()
        )
    )
    return access.get_in_scope(user, citizens, "change", pk=citizen_id)


@functools.cache
def _open_follow_up_sql() -> str:
    return (
        f"EXISTS (SELECT 1 FROM {quoted(FollowUp)} WHERE {quoted(FollowUp, 'citizen')} = %s "  # noqa: S608  # nosec B608 - names from the models, values bound
        f"AND {quoted(FollowUp, 'offer')} = %s AND {quoted(FollowUp, 'closed_at')} IS NULL)"
    )


def day_counts(*, offer: Offer, day: datetime.date) -> dict[str, int]:
    """The day's registered visits and anonymous head count at `offer`, in one query.
    Written in SQL: the ORM's two correlated subqueries took longer to compile than two plain
    queries took to run, and this count answers every check-in (issue 22)."""
    quote = connection.ops.quote_name
    day_value = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {quote(Visit._meta.db_table)} "  # noqa: S608  # nosec B608 - names from the models, values bound
            "WHERE offer_id = %s AND day = %s), "
            f"COALESCE((SELECT {quote('count')} FROM {quote(AnonymousVisits._meta.db_table)} "
            "WHERE offer_id = %s AND day = %s), 0)",
            [offer.pk, day_value, offer.pk, day_value],
        )
        registered, anonymous = cursor.fetchone()
    return {"registered": registered, "anonymous": anonymous}


def citizen_for_page(user, pk: int, action: access.ScopeAction = "view") -> Citizen:
    citizens = Citizen.objects.select_related("district", "contact_person").prefetch_related(
        "home_offers"
    )
    return access.get_in_scope(user, citizens, action, pk=pk)


# The lists on the citizen page that follow the citizen, by name: (model, the field naming the
# citizen). `citizen_for_detail` says for each whether the citizen has any row of it.
PAGE_LISTS: dict[str, tuple[type[Model], str]] = {
    "talks": (ExpectationTalk, "citizen"),
    "consents": (Consent, "citizen"),
    "outreach": (Outreach, "citizen"),
    "enrollments": (Enrollment, "citizen"),
    "goals": (Goal, "citizen"),
}
# What the citizen page shows of the citizen's own columns (with the district's and the contact
# person's names).
_DETAIL_FIELDS = (
    "chosen_name",
    "birth_year",
    "wants_contact",
    "phone",
    "email",
    "challenges",
    "cpr_encrypted",
    "cpr_hash",
)
# Between two offer names in `home_offer_names` as the database returns them: the ASCII unit
# separator, an invisible control character. A name holding it would show as two names (nothing
# else); no form strips it, so this is a choice, not a guarantee.
_NAME_SEPARATOR = "\x1f"


@functools.cache
def _any_row_sql(model: type[Model], field: str) -> str:
    table, column = quoted(model), quoted(model, field)
    return f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s)"  # noqa: S608  # nosec B608 - names from the models, value bound


def _any_row(model: type[Model], field: str, pk: int) -> RawSQL:
    """Whether any row of `model` has `field` = `pk`, as an uncorrelated subquery (SQL from the
    models' own table and column names; the id is a parameter)."""
    return RawSQL(_any_row_sql(model, field), (pk,), output_field=BooleanField())  # noqa: S611  # nosec B611


@functools.cache
def _home_offer_names_sql(vendor: str) -> str:
    through = Citizen.home_offers.through
    concatenate = "STRING_AGG" if vendor == "postgresql" else "GROUP_CONCAT"
    return (
        f"SELECT {concatenate}(o.{quoted(Offer, 'name')}, %s) FROM {quoted(Offer)} o "  # noqa: S608  # nosec B608 - names from the models, values bound
        f"JOIN {quoted(through)} h ON h.{quoted(through, 'offer')} = o.{quoted(Offer, 'id')} "
        f"WHERE h.{quoted(through, 'citizen')} = %s"
    )


def _home_offer_names(pk: int) -> RawSQL:
    """The names of citizen `pk`'s home offers joined by _NAME_SEPARATOR, or NULL for none."""
    return RawSQL(  # noqa: S611  # nosec B611 - table and column names from the models
        _home_offer_names_sql(vendor(Citizen)), (_NAME_SEPARATOR, pk), output_field=TextField()
    )


def citizen_for_detail(user, pk: int) -> Citizen:
    """The citizen page's citizen (404 outside the user's view scope), read in one query with:

    - `may_change`: whether the user may also change them (the door's `follows`);
    - `home_offer_names`: the home offers' names in alphabetical order, the only thing the page
      shows of them;
    - for each list on the page that follows the citizen (`PAGE_LISTS`: talks, consents, follow-up
      calls, enrolments, goals) `has_<list>`: whether the citizen has any such row at all, in the
      user's scope or not. False means that list's query would find nothing, so the page skips
      it; True means nothing about scope, the list's own query decides.

    Each of those is a short subquery on the citizen's id, written once per process: built by the
    ORM for each request, they cost more than the queries they save (issue 22, measured)."""
    citizens = (
        Citizen.objects.select_related("district", "contact_person")
        .only(*_DETAIL_FIELDS, "district__name", *name_fields("contact_person"))
        .annotate(
            may_change=access.follows(user, Citizen, "change", "pk"),
            home_offer_names=_home_offer_names(pk),
            **{
                f"has_{name}": _any_row(model, field, pk)
                for name, (model, field) in PAGE_LISTS.items()
            },
        )
    )
    citizen = access.get_in_scope(user, citizens, "view", pk=pk)
    separated = citizen.home_offer_names
    citizen.home_offer_names = sorted(separated.split(_NAME_SEPARATOR)) if separated else []
    return citizen


def visits_by_month(*, citizen: Citizen, user) -> QuerySet:
    """Visits per month and offer, newest first, for the offers the user may see: dicts of
    `month` (date, the month's first day), `offer__name` and `visits` (days). Read from the
    monthly sums the database's triggers keep (VisitMonth), one row per month and offer, not
    counted from the visits: no grouping, no truncated dates (issue 22)."""
    return (
        access.scope(user, VisitMonth)
        .filter(citizen=citizen)
        .values("month", "offer__name", visits=F("visit_days"))
        .order_by("-month", "offer__name")
    )


def talks_for(*, citizen: Citizen, user) -> QuerySet:
    """The citizen's expectation talks the user may read (`access.rows_about`), with what the
    citizen page shows of each: the talk, its offer's name and who held it."""
    return (
        access.rows_about(user, ExpectationTalk, citizen)
        .select_related("offer", "staff")
        .only(
            "held_on",
            "wishes_and_goals",
            "what_helps",
            "activities_to_try",
            "follow_up_consent_asked",
            "follow_up_consent_given",
            "contact_person_agreed",
            "contact_method",
            "offer__name",
            *name_fields("staff"),
        )
    )


def consents_for(*, citizen: Citizen, user) -> QuerySet:
    """The citizen's consents the user may read, withdrawn ones too (`access.rows_about`), with
    what the citizen page shows of each."""
    return (
        access.rows_about(user, Consent, citizen)
        .select_related("recorded_by")
        .only("kind", "partner_name", "given_at", "withdrawn_at", *name_fields("recorded_by"))
    )


def outreach_for(*, citizen: Citizen, user) -> QuerySet:
    """The follow-up calls made to the citizen that the user may read (`access.rows_about`), with
    what the citizen page shows of each."""
    return (
        access.rows_about(user, Outreach, citizen)
        .select_related("by")
        .only("on", "outcome", "note", *name_fields("by"))
    )
