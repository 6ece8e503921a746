"""Applications and their votes: applying, the receipt, the application page, voting, recusal,
opening a vote, withdrawing and the attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from astnet import access
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from peers.councils import access as council_access
from peers.councils import selectors, services, voting
from peers.councils.forms import ApplicationForm, VoteOpenForm
from peers.councils.models import Application, ApplicationAttachment, Council
from peers.councils.views.council import COUNCIL_ROLES, council_context


@access.require_role(Role.COUNCIL_MEMBER, Role.STAFF)
@shows_personal_data("peers.council")
def application_new(request: HttpRequest, pk: int) -> HttpResponse:
    council = access.get_in_scope(request.user, Council.objects.select_related("offer"), pk=pk)
    if not council_access.may_apply(request.user, council):
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
            add_service_error(form, error, {"amount_ore": "amount", "applicant_citizen": "citizen"})
        else:
            return redirect("peers:receipt", pk=application.pk)
    return render(request, "peers/application_form.html", {"council": council, "form": form})


@access.require_role(Role.COUNCIL_MEMBER, Role.STAFF, Role.LEADER)
def application_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk)
    return render(request, "peers/application_receipt.html", {"application": application})


@access.require_role(*COUNCIL_ROLES)
@shows_personal_data("peers.application")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk)
    request.audited_object = application
    context = council_context(request, application.council)
    vote = None
    if application.state == Application.State.IN_VOTE:
        votes = selectors.open_votes(council=application.council, seat=context["seat"])
        vote = next((v for v in votes if v.application.pk == application.pk), None)
    context.update(
        {
            "application": application,
            "vote": vote,
            "my_vote": selectors.my_vote(application=application, seat=context["seat"]),
            "decision": getattr(application, "decision", None),
            "named_votes": selectors.named_votes(user=request.user, application=application),
            "attachments": application.attachments.all(),
            "may_withdraw": not application.is_decided
            and council_access.may_withdraw_application(request.user, application),
        }
    )
    return render(request, "peers/application_detail.html", context)


@require_POST
@access.require_role(Role.COUNCIL_MEMBER)
def vote_cast(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk, action="change")
    try:
        voting.vote_cast(
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
    """The swapped vote card; after the deciding vote also the budget bar and the past decisions,
    swapped out of band, so the member sees the new budget and decision without a reload
    (issue 19)."""
    application.refresh_from_db()
    context = council_context(request, application.council)
    context["vote_error"] = error
    votes = selectors.open_votes(council=application.council, seat=context["seat"])
    context["vote"] = next(
        (v for v in votes if v.application.pk == application.pk),
        selectors.OpenVote(
            application=application,
            my_vote=selectors.my_vote(application=application, seat=context["seat"]),
            recused=False,
        ),
    )
    html = render_to_string("peers/council_home.html#vote_card", context, request=request)
    if application.is_decided:
        context.update(
            {
                "budget": selectors.budget_status(council=application.council),
                "decisions": Paginator(
                    selectors.past_decisions(council=application.council), 10
                ).get_page(1),
                "oob": True,
            }
        )
        html += render_to_string("peers/budget_bar.html", context, request=request)
        html += render_to_string("peers/council_home.html#decisions", context, request=request)
    return HttpResponse(html)


@require_POST
@access.require_role(Role.COUNCIL_MEMBER)
def recusal_declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(user=request.user, pk=pk, action="change")
    try:
        voting.recusal_declare(application=application, user=request.user)
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
            voting.vote_open(
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
    if not council_access.may_withdraw_application(request.user, application):
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
    request.audited_object = attachment
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
