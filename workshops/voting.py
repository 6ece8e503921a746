"""Dot voting (prioritering) from participants' phones: no account, a code from the big screen,
one ballot per phone and workshop, and never more dots than the workshop allows."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from workshops import selectors, services
from workshops.forms import VotingCodeForm
from workshops.models import Ballot, Input, Workshop

DEVICE_COOKIE = "astnet_stemmeenhed"
DEVICE_SALT = "workshops.voting.device"
# Long enough for a workshop day; the token carries nothing but randomness.
DEVICE_COOKIE_AGE = 24 * 60 * 60


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


def _ballot_context(workshop: Workshop, device: str | None) -> dict:
    ballot = Ballot.objects.filter(workshop=workshop, device=device).first() if device else None
    mine_inputs: dict[int, int] = {}
    mine_themes: dict[int, int] = {}
    if ballot is not None:
        for dot in ballot.dots.all():
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
    return {
        "workshop": workshop,
        "groups": groups,
        "used": used,
        "left": workshop.dots_per_participant - used,
    }


def ballot(request: HttpRequest, code: str) -> HttpResponse:
    workshop = _workshop_for_code(code)
    if not workshop.voting_open:
        return _closed(request, workshop)
    device = _device(request)
    response = render(request, "workshops/ballot.html", _ballot_context(workshop, device))
    if device is None:
        _remember_device(response, secrets.token_urlsafe(24))
    return response


@require_POST
def dot(request: HttpRequest, code: str) -> HttpResponse:
    workshop = _workshop_for_code(code)
    device = _device(request)
    if device is None:
        # Cookies were refused or lost: the ballot page hands out a new device token.
        return redirect("workshops:ballot", code=workshop.voting_code)
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
    try:
        voter = services.ballot_for_device(workshop=workshop, device=device)
        if request.POST.get("handling") == "fjern":
            services.dot_remove(ballot=voter, item=item, theme=theme)
        else:
            services.dot_add(ballot=voter, item=item, theme=theme)
    except services.VotingClosed:
        return _closed(request, workshop)
    except ValidationError as refusal:
        error = refusal.messages[0]
    if request.htmx:
        context = _ballot_context(workshop, device) | {"error": error}
        return render(request, "workshops/ballot.html#dots", context)
    if error:
        messages.error(request, error)
    return redirect("workshops:ballot", code=workshop.voting_code)
