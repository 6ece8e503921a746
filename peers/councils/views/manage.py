"""The district leader manages a council: its seats, its yearly budget and its voting rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet import access
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from peers.councils import selectors, services
from peers.councils.forms import BudgetForm, CouncilRulesForm, SeatAddForm, SeatEndForm
from peers.councils.models import CouncilMember
from peers.councils.money import kroner


@access.require_role(Role.LEADER)
def council_seats(request: HttpRequest, pk: int) -> HttpResponse:
    council = selectors.council_to_manage(user=request.user, pk=pk)
    page = Paginator(selectors.council_seats(council=council), 25).get_page(request.GET.get("side"))
    return render(
        request,
        "peers/council_seats.html",
        {"council": council, "page": page, "today": timezone.localdate()},
    )


@access.require_role(Role.LEADER)
def seat_new(request: HttpRequest, pk: int) -> HttpResponse:
    council = selectors.council_to_manage(user=request.user, pk=pk)
    form = SeatAddForm(
        request.POST if request.method == "POST" else None,
        initial={"term_from": timezone.localdate(), "role": CouncilMember.Role.MEMBER},
        council=council,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            seat = services.council_member_add(
                council=council,
                user=data["user"],
                role=data["role"],
                term_from=data["term_from"],
                term_to=data["term_to"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(
                request,
                _("%(name)s har nu en plads i rådet som %(role)s.")
                % {"name": seat.display_name, "role": seat.get_role_display().lower()},
            )
            return redirect("peers:seats", pk=council.pk)
    return render(request, "peers/seat_form.html", {"council": council, "form": form})


@access.require_role(Role.LEADER)
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page first: ending a term takes the person's access to the council."""
    seat = access.get_in_scope(
        request.user,
        CouncilMember.objects.select_related("council", "user"),
        "change",
        pk=pk,
    )
    form = SeatEndForm(
        request.POST if request.method == "POST" else None,
        initial={"term_to": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.council_member_end(
                seat=seat, term_to=form.cleaned_data["term_to"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(
                request,
                _("Perioden for %(name)s slutter %(date)s.")
                % {
                    "name": seat.display_name,
                    "date": format_date(form.cleaned_data["term_to"]),
                },
            )
            return redirect("peers:seats", pk=seat.council_id)
    return render(
        request, "peers/seat_end.html", {"seat": seat, "council": seat.council, "form": form}
    )


@access.require_role(Role.LEADER, Role.ADMINISTRATION)
def council_budget(request: HttpRequest, pk: int) -> HttpResponse:
    """The district's leaders set the yearly budget; administration reads it."""
    council, may_change = selectors.council_for_budget(user=request.user, pk=pk)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    year = timezone.localdate().year
    form = None
    if may_change:
        current = selectors.budget_status(council=council, year=year)
        form = BudgetForm(
            request.POST if request.method == "POST" else None,
            initial={"year": year, "amount": kroner(current.amount_ore).removesuffix(" kr.")},
        )
        if request.method == "POST" and form.is_valid():
            try:
                budget = services.budget_set(
                    council=council,
                    year=form.cleaned_data["year"],
                    amount_ore=form.cleaned_data["amount"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_error(form, error, {"amount_ore": "amount"})
            else:
                messages.success(
                    request,
                    _("Nyt budget for %(year)s: %(amount)s")
                    % {"year": budget.year, "amount": kroner(budget.amount_ore)},
                )
                return redirect("peers:budget", pk=council.pk)
    page = Paginator(selectors.council_budgets(council=council), 10).get_page(
        request.GET.get("side")
    )
    return render(
        request, "peers/council_budget.html", {"council": council, "form": form, "page": page}
    )


@access.require_role(Role.LEADER)
def council_rules(request: HttpRequest, pk: int) -> HttpResponse:
    council = selectors.council_to_manage(user=request.user, pk=pk)
    form = CouncilRulesForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(council, name) for name in services.COUNCIL_RULE_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.council_rules_update(council=council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, {})
        else:
            messages.success(request, _("Rådets regler er gemt."))
            return redirect("peers:council", pk=council.pk)
    return render(request, "peers/council_rules.html", {"council": council, "form": form})
