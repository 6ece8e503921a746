"""The council's own pages: the list of councils, the council page, its criteria, the published
grants (no login) and the budget overview. Thin: reads come from selectors, writes from services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet import access
from astnet.models import Role
from peers.councils import access as council_access
from peers.councils import selectors, services
from peers.councils.forms import CriteriaForm, VoteOpenForm
from peers.councils.models import Council, Meeting, Vote

COUNCIL_ROLES = (Role.COUNCIL_MEMBER, Role.LEADER, Role.STAFF)


@access.require_role(*COUNCIL_ROLES)
def council_index(request: HttpRequest) -> HttpResponse:
    only = council_access.only_own_council(request.user)
    if only is not None:
        return redirect("peers:council", pk=only.pk)
    councils = selectors.councils_for_user(user=request.user)
    page = Paginator(councils, 25).get_page(request.GET.get("side"))
    return render(request, "peers/council_index.html", {"page": page})


def council_context(request: HttpRequest, council: Council) -> dict:
    """What every page about one council needs: the user's voting seat and membership."""
    seat = council_access.voting_seat(request.user, council)
    is_member = council_access.is_council_member(request.user, council)
    return {
        "council": council,
        "seat": seat,
        "is_member": is_member,
        "vote_choices": Vote.Choice.choices,
        "vote_error": "",
    }


@access.require_role(*COUNCIL_ROLES)
def council_home(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_in_scope(request.user, Council.objects.select_related("offer"), pk=pk)
    context = council_context(request, council)
    may_read_applications = council_access.may_read_applications(request.user, council)
    decisions = selectors.past_decisions(council=council) if may_read_applications else None
    context.update(
        {
            "budget": selectors.budget_status(council=council),
            "open_votes": selectors.open_votes(council=council, seat=context["seat"])
            if may_read_applications
            else [],
            "awaiting": selectors.awaiting_vote(council=council) if context["is_member"] else [],
            "may_open_vote": context["seat"] is not None
            and council_access.may_open_vote(request.user, council),
            "may_apply": council_access.may_apply(request.user, council),
            "decisions": Paginator(decisions, 10).get_page(request.GET.get("side"))
            if decisions is not None
            else None,
            "meetings": access.scope(request.user, Meeting).filter(council=council)[:5],
            "criteria": council.criteria.order_by("-version").first(),
            "vote_open_form": VoteOpenForm(),
            "may_manage": council_access.may_manage(request.user, council),
        }
    )
    return render(request, "peers/council_home.html", context)


@access.require_role(Role.COUNCIL_MEMBER)
def criteria_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The council writes its own criteria; each save is a new version, the old ones are kept."""
    council = access.get_in_scope(request.user, Council, "change", pk=pk)
    if not council_access.may_write_criteria(request.user, council):
        raise PermissionDenied
    current = council.criteria.order_by("-version").first()
    form = CriteriaForm(
        request.POST if request.method == "POST" else None,
        initial={"text": current.text if current else ""},
    )
    if request.method == "POST" and form.is_valid():
        services.criteria_publish(council=council, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("Kriterierne er gemt som en ny version."))
        return redirect("peers:council", pk=council.pk)
    return render(
        request, "peers/criteria_form.html", {"council": council, "form": form, "current": current}
    )


def public_council(request: HttpRequest, pk: int) -> HttpResponse:
    """Open to everyone: the council's grants this year and its budget left, no personal data."""
    council = get_object_or_404(Council.objects.select_related("offer"), pk=pk)
    published = selectors.published_council(council=council)
    return render(request, "peers/public_council.html", {"published": published})


@access.require_role(Role.ADMINISTRATION, Role.LEADER)
def overview(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    budgets = selectors.budget_totals(user=request.user, year=year)
    page = Paginator(budgets, 25).get_page(request.GET.get("side"))
    return render(request, "peers/overview.html", {"page": page, "year": year})
