"""Pages for the users' councils: the member's council page, applying, voting, meetings, the
published grants, and the district leader's pages for seats, budget and rules. Thin: reads come
from selectors, writes from services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from astnet import access
from astnet.audit import Action, audit_record
from astnet.formats import format_date
from astnet.forms import add_service_error
from astnet.models import Role
from astnet.pdf import render_pdf
from peers import selectors, services
from peers.forms import (
    ApplicationForm,
    BudgetForm,
    CouncilRulesForm,
    CriteriaForm,
    DecisionLinkForm,
    MeetingForm,
    SeatAddForm,
    SeatEndForm,
    VoteOpenForm,
)
from peers.models import Application, ApplicationAttachment, Council, CouncilMember, Meeting, Vote
from peers.money import kroner

COUNCIL_ROLES = (Role.COUNCIL_MEMBER, Role.LEADER, Role.STAFF)


@access.require_role(*COUNCIL_ROLES)
def council_index(request: HttpRequest) -> HttpResponse:
    own = list(selectors.own_councils(user=request.user)[:2])
    if len(own) == 1 and not access.has_role(request.user, Role.LEADER, Role.STAFF):
        return redirect("peers:council", pk=own[0].pk)
    councils = selectors.councils_for_user(user=request.user)
    page = Paginator(councils, 25).get_page(request.GET.get("side"))
    return render(request, "peers/council_index.html", {"page": page})


def _council_context(request: HttpRequest, council: Council) -> dict:
    seat = selectors.seat_for(council=council, user=request.user)
    is_member = council.pk in access.council_ids(request.user)
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
    context = _council_context(request, council)
    may_read_applications = context["is_member"] or access.has_role(request.user, Role.LEADER)
    decisions = selectors.past_decisions(council=council) if may_read_applications else None
    context.update(
        {
            "budget": selectors.budget_status(council=council),
            "open_votes": selectors.open_votes(council=council, seat=context["seat"])
            if may_read_applications
            else [],
            "awaiting": selectors.awaiting_vote(council=council) if context["is_member"] else [],
            "may_open_vote": context["seat"] is not None
            and services.may_open_vote(council=council, user=request.user),
            "may_apply": selectors.may_apply(user=request.user, council=council),
            "decisions": Paginator(decisions, 10).get_page(request.GET.get("side"))
            if decisions is not None
            else None,
            "meetings": access.scope(request.user, Meeting).filter(council=council)[:5],
            "criteria": council.criteria.order_by("-version").first(),
            "vote_open_form": VoteOpenForm(),
            "may_manage": access.managed_councils(request.user).filter(pk=council.pk).exists(),
        }
    )
    return render(request, "peers/council_home.html", context)


@access.require_role(Role.COUNCIL_MEMBER, Role.STAFF)
def application_new(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_in_scope(request.user, Council.objects.select_related("offer"), pk=pk)
    if not selectors.may_apply(user=request.user, council=council):
        raise PermissionDenied
    posted = request.method == "POST"
    form = ApplicationForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        council=council,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(**form.service_kwargs())
        except ValidationError as error:
            # The service re-checks against the budget as it is now, which may have changed.
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, messages_ in errors.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            return redirect("peers:receipt", pk=application.pk)
    return render(request, "peers/application_form.html", {"council": council, "form": form})


@access.require_role(Role.COUNCIL_MEMBER, Role.STAFF, Role.LEADER)
def application_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk)
    return render(request, "peers/application_receipt.html", {"application": application})


@access.require_role(*COUNCIL_ROLES)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk)
    audit_record(actor=request.user, action=Action.VIEW, target=application, request=request)
    context = _council_context(request, application.council)
    vote = None
    if application.state == Application.State.IN_VOTE:
        votes = selectors.open_votes(council=application.council, seat=context["seat"])
        vote = next((v for v in votes if v.application.pk == application.pk), None)
    # Who voted what is shown only where the council's own rules say votes are open.
    named_votes = (
        application.votes.select_related("member__user").order_by("member__role")
        if application.council.open_votes
        else []
    )
    context.update(
        {
            "application": application,
            "vote": vote,
            "decision": getattr(application, "decision", None),
            "named_votes": named_votes,
            "attachments": application.attachments.all(),
            "may_withdraw": not application.is_decided
            and (
                application.helped_by_id == request.user.pk
                or application.applicant_user_id == request.user.pk
            ),
        }
    )
    return render(request, "peers/application_detail.html", context)


@require_POST
@access.require_role(Role.COUNCIL_MEMBER)
def vote_cast(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk, action="change")
    try:
        services.vote_cast(
            application=application, user=request.user, choice=request.POST.get("choice", "")
        )
    except ValidationError as error:
        if request.htmx:
            return _vote_card(request, application, error=" ".join(error.messages))
        messages.error(request, " ".join(error.messages))
        return redirect("peers:council", pk=application.council_id)
    if request.htmx:
        # The swapped card itself says what was voted and whether the vote has closed.
        return _vote_card(request, application)
    application.refresh_from_db()
    if application.is_decided:
        messages.success(
            request,
            _("Tak for din stemme. Afstemningen er slut: %(state)s.")
            % {"state": application.get_state_display().lower()},
        )
    else:
        messages.success(request, _("Tak for din stemme. Du kan ændre den, indtil fristen."))
    return redirect("peers:council", pk=application.council_id)


def _vote_card(request: HttpRequest, application: Application, error: str = "") -> HttpResponse:
    application.refresh_from_db()
    context = _council_context(request, application.council)
    context["vote_error"] = error
    votes = selectors.open_votes(council=application.council, seat=context["seat"])
    context["vote"] = next(
        (v for v in votes if v.application.pk == application.pk),
        selectors.OpenVote(application=application, my_choice=None, recused=False, votes_cast=0),
    )
    return render(request, "peers/council_home.html#vote_card", context)


@require_POST
@access.require_role(Role.COUNCIL_MEMBER)
def recusal_declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk, action="change")
    try:
        services.recusal_declare(application=application, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Du er nu meldt inhabil og stemmer ikke om denne ansøgning."))
    return redirect("peers:application", pk=application.pk)


@require_POST
@access.require_role(Role.COUNCIL_MEMBER)
def vote_open(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk, action="change")
    form = VoteOpenForm(request.POST)
    if form.is_valid():
        try:
            services.vote_open(
                application=application,
                by=request.user,
                deadline=form.deadline_at(),
                proposed_amount_ore=form.cleaned_data.get("amount"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Afstemningen er startet."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("peers:council", pk=application.council_id)


@access.require_role(Role.COUNCIL_MEMBER, Role.STAFF)
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk, action="change")
    if request.user.pk not in (application.helped_by_id, application.applicant_user_id):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Ansøgningen er trukket tilbage."))
        return redirect("peers:application", pk=application.pk)
    return render(request, "peers/application_withdraw.html", {"application": application})


@access.require_role(*COUNCIL_ROLES)
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access.get_in_scope(
        request.user, ApplicationAttachment.objects.select_related("application"), pk=pk
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    audit_record(actor=request.user, action=Action.VIEW, target=attachment, request=request)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@access.require_role(Role.COUNCIL_MEMBER)
def criteria_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The council writes its own criteria; each save is a new version, the old ones are kept."""
    council = access.get_in_scope(request.user, Council, "change", pk=pk)
    if selectors.seat_for(council=council, user=request.user) is None:
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


@access.require_role(Role.COUNCIL_MEMBER)
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_in_scope(request.user, Council, "change", pk=pk)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        council=council,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(
            council=council,
            by=request.user,
            date=form.cleaned_data["date"],
            agenda=form.cleaned_data["agenda"],
            minutes=form.cleaned_data["minutes"],
            attendance=form.cleaned_data["attendance"],
        )
        messages.success(request, _("Mødet er gemt."))
        return redirect("peers:meeting", pk=meeting.pk)
    return render(request, "peers/meeting_form.html", {"council": council, "form": form})


def _meeting_context(request: HttpRequest, pk: int) -> dict:
    meeting = access.get_in_scope(
        request.user, Meeting.objects.select_related("council", "council__offer"), pk=pk
    )
    decisions = meeting.decisions.select_related("application").order_by("decided_at", "pk")
    open_votes = meeting.council.open_votes
    if open_votes:
        decisions = decisions.prefetch_related("application__votes__member__user")
    return {
        "meeting": meeting,
        "council": meeting.council,
        "decisions": decisions,
        "attendance": meeting.attendance.select_related("user"),
        "budget": selectors.budget_status(council=meeting.council, year=meeting.date.year),
        "open_votes": open_votes,
    }


def _with_link_form(request: HttpRequest, context: dict, form=None) -> dict:
    """The form that reports decisions taken by online vote at this meeting, for those who may."""
    meeting = context["meeting"]
    context["link_form"] = None
    if access.scope(request.user, Meeting, "change").filter(pk=meeting.pk).exists():
        choices = selectors.unlinked_decisions(council=meeting.council)
        if form is not None or choices.exists():
            context["link_form"] = form or DecisionLinkForm(decisions=choices)
    return context


@access.require_role(Role.COUNCIL_MEMBER, Role.LEADER)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _with_link_form(request, _meeting_context(request, pk))
    return render(request, "peers/meeting_detail.html", context)


@require_POST
@access.require_role(Role.COUNCIL_MEMBER, Role.LEADER)
def meeting_link_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_in_scope(request.user, Meeting, "change", pk=pk)
    form = DecisionLinkForm(
        request.POST, decisions=selectors.unlinked_decisions(council=meeting.council)
    )
    if form.is_valid():
        try:
            linked = services.meeting_link_decisions(
                meeting=meeting, decisions=form.cleaned_data["decisions"], by=request.user
            )
        except ValidationError as error:
            form.add_error("decisions", error.messages)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s beslutning står nu i mødets referat.",
                    "%(count)s beslutninger står nu i mødets referat.",
                    linked,
                )
                % {"count": linked},
            )
            return redirect("peers:meeting", pk=meeting.pk)
    context = _with_link_form(request, _meeting_context(request, pk), form)
    return render(request, "peers/meeting_detail.html", context)


@access.require_role(Role.COUNCIL_MEMBER, Role.LEADER)
def meeting_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = _meeting_context(request, pk)
    html = render_to_string("peers/minutes_pdf.html", context, request=request)
    pdf = render_pdf(html)
    audit_record(
        actor=request.user, action=Action.EXPORT, target=context["meeting"], request=request
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="referat-{context["meeting"].date}.pdf"'
    )
    return response


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


# --- the district leader manages the council: seats, budget, rules ----------------------------


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
