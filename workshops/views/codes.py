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
from workshops.forms import ParticipantCodesForm
from workshops.models import VotingRound
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
    context = {
        "workshop": workshop,
        "form": form,
        "voting_round": VotingRound.objects.filter(workshop=workshop).first(),
        "code_count": workshop.participant_codes.count(),
        "used_count": workshop.participant_codes.filter(ballot__isnull=False).count(),
    }
    return render(request, "workshops/participant_codes.html", context)


@access.require_role(*workshop_access.FACILITATORS)
def participant_codes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet to print and cut: each participant code with a QR code to its ballot."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    ballot_url = request.build_absolute_uri(
        reverse("workshops:ballot", args=[workshop.voting_code])
    )
    codes = [
        {"code": item.code, "qr": qr_data_uri(f"{ballot_url}?deltager={item.code}")}
        for item in workshop.participant_codes.order_by("pk")
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
