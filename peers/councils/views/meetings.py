"""Council meetings: a new meeting, its minutes (page and PDF) and the decisions it reports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from astnet import access
from astnet.audit import Action, audit_record
from astnet.models import Role
from astnet.pdf import render_pdf
from peers.councils import selectors, voting
from peers.councils.forms import DecisionLinkForm, MeetingForm
from peers.councils.models import Council, Meeting, Vote


@access.require_role(Role.COUNCIL_MEMBER)
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_in_scope(request.user, Council, "change", pk=pk)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        council=council,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        meeting = voting.meeting_create(
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
    # Names only for votes that were opened as open votes (issue 19): the rules fixed at the
    # vote's start decide, never the council's rules today.
    decisions = (
        meeting.decisions.select_related("application")
        .prefetch_related(
            Prefetch(
                "application__votes",
                queryset=Vote.objects.filter(application__vote_open_votes=True).select_related(
                    "member__user"
                ),
                to_attr="named_votes",
            )
        )
        .order_by("decided_at", "pk")
    )
    return {
        "meeting": meeting,
        "council": meeting.council,
        "decisions": decisions,
        "attendance": meeting.attendance.select_related("user"),
        "budget": selectors.budget_status(council=meeting.council, year=meeting.date.year),
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
            linked = voting.meeting_link_decisions(
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
