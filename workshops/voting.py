"""Dot voting (prioritering) from participants' phones: no account, a code from the big screen,
one ballot per participant (a printed participant code, or in the informal mode a cookie on the
phone), only while the workshop runs, and never more dots than were fixed when voting opened."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from workshops import ballots, selectors
from workshops.forms import ParticipantCodeForm, VotingCodeForm
from workshops.models import Ballot, Input, VotingMode, VotingRound, Workshop

DEVICE_COOKIE = "astnet_stemmeenhed"
DEVICE_SALT = "workshops.voting.device"
# Long enough for a workshop day; the token carries nothing but randomness.
DEVICE_COOKIE_AGE = 24 * 60 * 60
PARTICIPANT_COOKIE = "astnet_deltagerkode"
PARTICIPANT_SALT = "workshops.voting.participant"


def _device(request: HttpRequest) -> str | None:
    return request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)


def _remember_device(response: HttpResponse, device: str) -> HttpResponse:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        device,
        salt=DEVICE_SALT,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _participant_code(request: HttpRequest, workshop: Workshop) -> str | None:
    """The participant code this phone entered for this workshop, from its signed cookie."""
    value = request.get_signed_cookie(PARTICIPANT_COOKIE, default=None, salt=PARTICIPANT_SALT)
    if not value or ":" not in value:
        return None
    workshop_pk, code = value.split(":", 1)
    return code if workshop_pk == str(workshop.pk) else None


def _remember_participant(response: HttpResponse, workshop: Workshop, code: str) -> HttpResponse:
    response.set_signed_cookie(
        PARTICIPANT_COOKIE,
        f"{workshop.pk}:{code}",
        salt=PARTICIPANT_SALT,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _mode(workshop: Workshop) -> str:
    """The voting mode in force: the round's once voting has opened, else the workshop's."""
    voting_round = VotingRound.objects.filter(workshop=workshop).first()
    return voting_round.mode if voting_round else workshop.voting_mode


def _workshop_for_code(code: str) -> Workshop:
    workshop = (
        Workshop.objects.select_related("district")
        .prefetch_related("themes")
        .filter(voting_code=code.upper())
        .first()
    )
    if workshop is None:
        raise Http404
    return workshop


def vote_start(request: HttpRequest) -> HttpResponse:
    form = VotingCodeForm(request.POST or None, initial={"code": request.GET.get("kode", "")})
    if request.method == "POST" and form.is_valid():
        return redirect("workshops:ballot", code=form.cleaned_data["code"])
    return render(request, "workshops/vote_start.html", {"form": form})


def _closed(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    form = VotingCodeForm(data={"code": workshop.voting_code})
    form.is_valid()
    return render(request, "workshops/vote_start.html", {"form": form}, status=410)


def _ballot_context(workshop: Workshop, voter: Ballot | None) -> dict:
    mine_inputs: dict[int, int] = {}
    mine_themes: dict[int, int] = {}
    if voter is not None:
        for dot in voter.dots.all():
            if dot.input_id:
                mine_inputs[dot.input_id] = dot.count
            else:
                mine_themes[dot.theme_id] = dot.count
    used = sum(mine_inputs.values()) + sum(mine_themes.values())
    groups = selectors.inputs_by_theme(workshop=workshop)
    for group in groups:
        group.theme.mine = mine_themes.get(group.theme.pk, 0)
        for item in group.inputs:
            item.mine = mine_inputs.get(item.pk, 0)
    voting_round = VotingRound.objects.filter(workshop=workshop).first()
    allowed = voting_round.dots_per_participant if voting_round else workshop.dots_per_participant
    return {
        "workshop": workshop,
        "groups": groups,
        "used": used,
        # Never a negative number: the allowance is fixed when voting opens (issue 19).
        "left": max(allowed - used, 0),
        "mode": voting_round.mode if voting_round else workshop.voting_mode,
    }


def _voter(request: HttpRequest, workshop: Workshop) -> Ballot | None:
    """The ballot this phone votes on, made on first use, or None when it has none yet (codes
    mode without a code, or a cookie refused)."""
    if _mode(workshop) == VotingMode.CODES:
        code = _participant_code(request, workshop)
        return ballots.ballot_for_code(workshop=workshop, code=code) if code else None
    device = _device(request)
    return ballots.ballot_for_device(workshop=workshop, device=device) if device else None


def _existing_voter(request: HttpRequest, workshop: Workshop) -> Ballot | None:
    """The ballot this phone has voted on so far, if any; looking makes none (ballots are made by
    the first dot, or by entering a participant code)."""
    if _mode(workshop) == VotingMode.CODES:
        code = _participant_code(request, workshop)
        return Ballot.objects.filter(workshop=workshop, participant_code__code=code).first()
    device = _device(request)
    return Ballot.objects.filter(workshop=workshop, device=device).first() if device else None


def _code_page(
    request: HttpRequest, workshop: Workshop, form: ParticipantCodeForm, refusal: str = ""
) -> HttpResponse:
    context = {"workshop": workshop, "form": form, "refusal": refusal}
    return render(request, "workshops/ballot_code.html", context)


def ballot(request: HttpRequest, code: str) -> HttpResponse:
    """The participant's ballot. With participant codes: the code comes from the printed sheet's
    QR code (`?deltager=`) or is typed here, and binds this phone to that one ballot."""
    workshop = _workshop_for_code(code)
    if not workshop.voting_open:
        return _closed(request, workshop)
    if _mode(workshop) == VotingMode.CODES:
        source = request.POST if request.method == "POST" else request.GET
        typed = source.get("deltager")
        if typed is not None:
            form = ParticipantCodeForm({"deltager": typed})
            if form.is_valid():
                try:
                    voter = ballots.ballot_for_code(
                        workshop=workshop, code=form.cleaned_data["deltager"]
                    )
                except ballots.VotingClosed:
                    return _closed(request, workshop)
                except ValidationError as refusal:
                    form.add_error("deltager", refusal.messages[0])
                else:
                    response = redirect("workshops:ballot", code=workshop.voting_code)
                    return _remember_participant(response, workshop, voter.participant_code.code)
            return _code_page(request, workshop, form)
        remembered = _participant_code(request, workshop)
        if remembered is None:
            return _code_page(request, workshop, ParticipantCodeForm())
        if ballots.participant_code_revoked(workshop=workshop, code=remembered):
            # The facilitator revoked the code this phone remembers: it is forgotten, and the
            # participant is asked for the new one (issue 19).
            response = _code_page(
                request, workshop, ParticipantCodeForm(), refusal=ballots.revoked_message()
            )
            response.delete_cookie(PARTICIPANT_COOKIE, samesite="Lax")
            return response
    voter = _existing_voter(request, workshop)
    response = render(request, "workshops/ballot.html", _ballot_context(workshop, voter))
    if _mode(workshop) == VotingMode.COOKIE and _device(request) is None:
        _remember_device(response, secrets.token_urlsafe(24))
    return response


@require_POST
def dot(request: HttpRequest, code: str) -> HttpResponse:
    workshop = _workshop_for_code(code)
    if not workshop.voting_open:
        return _closed(request, workshop)
    item = theme = None
    if request.POST.get("input"):
        item = Input.objects.filter(
            pk=request.POST["input"] if request.POST["input"].isdigit() else 0,
            table__workshop=workshop,
        ).first()
        if item is None:
            raise Http404
    else:
        theme = workshop.themes.filter(
            pk=request.POST.get("theme") if (request.POST.get("theme") or "").isdigit() else 0
        ).first()
        if theme is None:
            raise Http404
    error = None
    voter = None
    try:
        voter = _voter(request, workshop)
        if voter is None:
            # No code yet, or cookies were refused or lost: the ballot page asks again.
            return redirect("workshops:ballot", code=workshop.voting_code)
        if request.POST.get("handling") == "fjern":
            ballots.dot_remove(ballot=voter, item=item, theme=theme)
        else:
            ballots.dot_add(ballot=voter, item=item, theme=theme)
    except ballots.VotingClosed:
        return _closed(request, workshop)
    except ValidationError as refusal:
        error = refusal.messages[0]
    if request.htmx:
        context = _ballot_context(workshop, voter) | {"error": error}
        return render(request, "workshops/ballot.html#dots", context)
    if error:
        messages.error(request, error)
    return redirect("workshops:ballot", code=workshop.voting_code)
