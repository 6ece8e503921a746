"""Reads for the users' councils: scoped through astnet.access, annotated for the pages."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from astnet import access
from offers.models import Offer
from peers.councils import access as council_access
from peers.councils.models import (
    Application,
    Budget,
    Council,
    CouncilMember,
    Decision,
    Recusal,
    Vote,
)


@dataclass(frozen=True)
class BudgetStatus:
    year: int
    amount_ore: int
    granted_ore: int

    @property
    def remaining_ore(self) -> int:
        return max(self.amount_ore - self.granted_ore, 0)

    @property
    def granted_percent(self) -> int:
        if not self.amount_ore:
            return 0
        return min(round(self.granted_ore * 100 / self.amount_ore), 100)


def budget_status(*, council: Council, year: int | None = None) -> BudgetStatus:
    year = year or timezone.localdate().year
    budget = (
        Budget.objects.filter(council=council, year=year)
        .annotate(granted=Sum("grants__granted_amount_ore"))
        .first()
    )
    if budget is None:
        return BudgetStatus(year=year, amount_ore=0, granted_ore=0)
    return BudgetStatus(year=year, amount_ore=budget.amount_ore, granted_ore=budget.granted or 0)


def councils_for_user(*, user) -> QuerySet:
    return access.scope(user, Council).select_related("offer", "district")


@dataclass
class OpenVote:
    """An application in vote as one member sees it: their own vote (with its receipt) or None,
    and whether they are recused. No one's counts or names until the vote closes (issue 19)."""

    application: Application
    my_vote: Vote | None
    recused: bool

    @property
    def my_choice(self) -> str | None:
        return self.my_vote.choice if self.my_vote else None


def open_votes(*, council: Council, seat: CouncilMember | None) -> list[OpenVote]:
    applications = (
        Application.objects.filter(council=council, state=Application.State.IN_VOTE)
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=Vote.objects.filter(member=seat) if seat else Vote.objects.none(),
                to_attr="my_votes",
            ),
            Prefetch(
                "recusals",
                queryset=Recusal.objects.filter(member=seat) if seat else Recusal.objects.none(),
                to_attr="my_recusals",
            ),
        )
        .order_by("vote_deadline", "pk")
    )
    return [
        OpenVote(
            application=application,
            my_vote=application.my_votes[0] if application.my_votes else None,
            recused=bool(application.my_recusals),
        )
        for application in applications
    ]


def my_vote(*, application: Application, seat: CouncilMember | None) -> Vote | None:
    """The member's own vote on the application, with its receipt, or None."""
    if seat is None:
        return None
    return Vote.objects.filter(application=application, member=seat).first()


def named_votes(*, user, application: Application) -> QuerySet:
    """Who voted what on the application, for the application page: empty until the vote has
    closed and unless it was opened as an open vote (issue 19; through the door)."""
    if not application.shows_named_votes:
        return Vote.objects.none()
    return (
        access.scope(user, Vote)
        .filter(application=application)
        .select_related("member__user")
        .order_by("member__role", "pk")
    )


def awaiting_vote(*, council: Council) -> QuerySet:
    return Application.objects.filter(council=council, state=Application.State.SUBMITTED).order_by(
        "submitted_at", "pk"
    )


def past_decisions(*, council: Council) -> QuerySet:
    return (
        Decision.objects.filter(application__council=council)
        .select_related("application")
        .order_by("-decided_at", "-pk")
    )


def application_for(*, user, pk: int, action: access.ScopeAction = "view") -> Application:
    return access.get_in_scope(
        user,
        Application.objects.select_related(
            "council", "applicant_citizen", "applicant_user", "helped_by", "criteria"
        ),
        action,
        pk=pk,
    )


# --- published: no login, no personal data beyond a consented first name ------------------------


@dataclass(frozen=True)
class PublishedGrant:
    title: str
    first_name: str
    amount_ore: int
    decided_on: datetime.date
    partly: bool


def _published_grant(decision: Decision) -> PublishedGrant:
    """What the public may read of one grant: no applicant beyond a consented first name."""
    return PublishedGrant(
        title=decision.application.title,
        first_name=decision.application.published_first_name,
        amount_ore=decision.granted_amount_ore,
        decided_on=timezone.localdate(decision.decided_at),
        partly=decision.outcome == Decision.Outcome.PARTLY_GRANTED,
    )


@dataclass
class PublishedCouncil:
    council: Council
    budget: BudgetStatus
    grants: list[PublishedGrant] = field(default_factory=list)


def published_council(*, council: Council, year: int | None = None) -> PublishedCouncil:
    year = year or timezone.localdate().year
    decisions = (
        Decision.objects.filter(
            application__council=council,
            budget__year=year,
            outcome__in=[Decision.Outcome.GRANTED, Decision.Outcome.PARTLY_GRANTED],
        )
        .select_related("application")
        .order_by("-decided_at", "-pk")
    )
    return PublishedCouncil(
        council=council,
        budget=budget_status(council=council, year=year),
        grants=[_published_grant(decision) for decision in decisions],
    )


def published_grants_for_offer(offer: Offer, year: int | None = None) -> list[PublishedCouncil]:
    """For an offer's public page: each council at the offer with this year's grants and what is
    left of its budget. Render with `{% include "peers/published_council.html" %}` per item.
    Three queries, whatever the number of councils and grants (the public page stays fast)."""
    year = year or timezone.localdate().year
    councils = list(
        Council.objects.filter(offer=offer)
        .prefetch_related(
            Prefetch(
                "budgets",
                queryset=Budget.objects.filter(year=year).annotate(
                    granted=Sum("grants__granted_amount_ore")
                ),
                to_attr="year_budgets",
            )
        )
        .order_by("name")
    )
    decisions = (
        Decision.objects.filter(
            application__council__in=councils,
            budget__year=year,
            outcome__in=[Decision.Outcome.GRANTED, Decision.Outcome.PARTLY_GRANTED],
        )
        .select_related("application")
        .order_by("-decided_at", "-pk")
    )
    published = {
        council.pk: PublishedCouncil(
            council=council,
            budget=BudgetStatus(
                year=year,
                amount_ore=sum(budget.amount_ore for budget in council.year_budgets),
                granted_ore=sum(budget.granted or 0 for budget in council.year_budgets),
            ),
        )
        for council in councils
    }
    for decision in decisions:
        published[decision.application.council_id].grants.append(_published_grant(decision))
    return list(published.values())


# --- aggregates for the administration ---------------------------------------------------------


def budget_totals(*, user, year: int | None = None) -> QuerySet:
    """Budget, granted and left per council: money only, no applications, names or head counts."""
    year = year or timezone.localdate().year
    return (
        access.scope(user, Budget)
        .filter(year=year)
        .select_related("council", "council__offer", "council__district")
        .annotate(granted=Coalesce(Sum("grants__granted_amount_ore"), 0))
        .annotate(remaining=Greatest(F("amount_ore") - F("granted"), 0))
        .order_by("council__name")
    )


# --- managing a council: the district's leaders ------------------------------------------------


def council_to_manage(*, user, pk: int) -> Council:
    """A council whose seats, budget and rules the user manages, or 404."""
    return access.get_in_scope(
        user, council_access.managed_councils(user).select_related("offer", "district"), pk=pk
    )


def council_for_budget(*, user, pk: int) -> tuple[Council, bool]:
    """The council for its budget page and whether the user may set the budget: the district's
    leaders set it; administration reads every council's totals (DESIGN.md: aggregates)."""
    council = council_access.managed_councils(user).filter(pk=pk).first()
    if council is not None:
        return council, True
    if council_access.may_read_every_budget(user):
        return get_object_or_404(Council, pk=pk), False
    raise Http404


def council_seats(*, council: Council) -> QuerySet:
    """Every seat, running ones first, for the leader's list."""
    return council.members.select_related("user").order_by(
        F("term_to").desc(nulls_first=True), "role", "user__first_name", "pk"
    )


def council_budgets(*, council: Council) -> QuerySet:
    return (
        Budget.objects.filter(council=council)
        .annotate(granted=Coalesce(Sum("grants__granted_amount_ore"), 0))
        .annotate(remaining=Greatest(F("amount_ore") - F("granted"), 0))
        .order_by("-year")
    )


def unlinked_decisions(*, council: Council) -> QuerySet:
    """Decisions taken by online vote that no meeting has reported yet."""
    return (
        Decision.objects.filter(application__council=council, meeting__isnull=True)
        .select_related("application")
        .order_by("decided_at", "pk")
    )
