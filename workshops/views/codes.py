"""Participant codes for dot voting (issue 19): the facilitator makes single-use codes and prints
them as a sheet with a QR code per participant; each code binds one ballot."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from astnet import access
from astnet.audit import Action, audit_record
from astnet.forms import add_service_error
from astnet.pdf import render_pdf_template
from astnet.slugs import slugify
from workshops import access as workshop_access
from workshops import ballots, selectors
from workshops.forms import ParticipantCodeRevokeForm, ParticipantCodesForm
from workshops.models import ParticipantCode, VotingRound
from workshops.qr import qr_data_uri


@access.require_role(*workshop_access.FACILITATORS)
def participant_codes(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's page: how voting works at this workshop, and making codes to print."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    form = ParticipantCodesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = ballots.participant_codes_create(
                by=request.user,
                workshop=workshop,
                count=form.cleaned_data["count"],
                request=request,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(count)s deltagerkoder er lavet.") % {"count": len(codes)}
            )
            return redirect("workshops:participant_codes", pk=workshop.pk)
    ballot_url = request.build_absolute_uri(
        reverse("workshops:ballot", args=[workshop.voting_code])
    )
    in_use = workshop.participant_codes.filter(revoked_at__isnull=True)
    revoked = (
        ParticipantCode.objects.filter(workshop=workshop, revoked_at__isnull=False)
        .select_related("replaced_by")
        .order_by("-revoked_at")
    )
    context = {
        "workshop": workshop,
        "form": form,
        "revoke_form": ParticipantCodeRevokeForm(),
        "voting_round": VotingRound.objects.filter(workshop=workshop).first(),
        "code_count": in_use.count(),
        "used_count": in_use.filter(ballot__isnull=False).count(),
        # The new code of each revoked one, with its QR code, to hand to the participant.
        "replacements": [
            {
                "old": item,
                "new": item.replaced_by,
                "qr": qr_data_uri(f"{ballot_url}?deltager={item.replaced_by.code}"),
            }
            for item in revoked
        ],
    }
    return render(request, "workshops/participant_codes.html", context)


@access.require_role(*workshop_access.FACILITATORS)
def participant_code_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoking a participant code someone else has seen (issue 19): the code typed on the codes
    page is confirmed here first; on POST it is revoked and a new code takes over its ballot."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    source = request.POST if request.method == "POST" else request.GET
    form = ParticipantCodeRevokeForm(source if "code" in source else None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if request.method == "POST":
                new = ballots.participant_code_revoke(
                    by=request.user, workshop=workshop, code=code, request=request
                )
                messages.success(
                    request,
                    _(
                        "Koden %(old)s er trukket tilbage og virker ikke længere. Giv deltageren "
                        "den nye kode %(new)s; stemmesedlen og prikkerne følger med."
                    )
                    % {"old": code, "new": new.code},
                )
                return redirect("workshops:participant_codes", pk=workshop.pk)
            ballots.participant_code_revocable(workshop=workshop, code=code)
        except ValidationError as error:
            add_service_error(form, error)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "workshops/participant_code_revoke.html",
        {"workshop": workshop, "form": form},
        status=status,
    )


@access.require_role(*workshop_access.FACILITATORS)
def participant_codes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet to print and cut: each participant code with a QR code to its ballot."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    ballot_url = request.build_absolute_uri(
        reverse("workshops:ballot", args=[workshop.voting_code])
    )
    codes = [
        {"code": item.code, "qr": qr_data_uri(f"{ballot_url}?deltager={item.code}")}
        for item in workshop.participant_codes.filter(revoked_at__isnull=True).order_by("pk")
    ]
    document = render_pdf_template(
        "workshops/pdf/participant_codes.html",
        {"workshop": workshop, "codes": codes, "ballot_url": ballot_url},
        request=request,
    )
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        target=workshop,
        request=request,
        detail="participant codes pdf",
    )
    response = HttpResponse(document, content_type="application/pdf")
    filename = f"deltagerkoder-{slugify(workshop.title)}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
