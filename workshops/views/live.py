"""The workshop day: live input from the tables and the big screen."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from astnet import access, qr
from astnet.forms import add_service_error
from workshops import access as workshop_access
from workshops import selectors, services
from workshops.forms import (
    InputForm,
)
from workshops.models import Input, Workshop


def _live_context(workshop: Workshop, form: InputForm) -> dict:
    return {
        "workshop": workshop,
        "form": form,
        "recent": selectors.recent_inputs(workshop=workshop),
    }


@access.require_role(*workshop_access.FACILITATORS)
def live(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's page: pick table and theme once, then type one input per line."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    if request.method == "POST":
        form = InputForm(request.POST, workshop=workshop)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.input_add(
                    by=request.user,
                    table=data["table"],
                    theme=data["theme"],
                    question=data["question"],
                    text=data["text"],
                    tags=services.tag_names(data["tags"]),
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                kept = {
                    "table": data["table"].pk,
                    "theme": data["theme"].pk,
                    "question": data["question"].pk if data["question"] else "",
                }
                if request.htmx:
                    form = InputForm(initial=kept, workshop=workshop)
                    context = _live_context(workshop, form) | {"saved": True}
                    return render(request, "workshops/live.html#entry", context)
                messages.success(request, _("Input er gemt."))
                query = "&".join(f"{key}={value}" for key, value in kept.items())
                return redirect(f"{reverse('workshops:live', args=[workshop.pk])}?{query}")
        template = "workshops/live.html#entry" if request.htmx else "workshops/live.html"
        return render(request, template, _live_context(workshop, form))
    initial = {key: request.GET.get(key) for key in ("table", "theme", "question")}
    form = InputForm(initial=initial, workshop=workshop)
    return render(request, "workshops/live.html", _live_context(workshop, form))


@access.require_role(*workshop_access.FACILITATORS)
def input_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_in_scope(
        request.user, Input.objects.select_related("table__workshop", "theme"), "change", pk=pk
    )
    workshop = item.table.workshop
    if request.method == "POST":
        services.input_delete(by=request.user, item=item, request=request)
        messages.success(request, _("Input er slettet."))
        return redirect("workshops:live", pk=workshop.pk)
    return render(
        request, "workshops/input_confirm_delete.html", {"item": item, "workshop": workshop}
    )


@access.require_role(*workshop_access.FACILITATORS)
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The big screen in the room: inputs arriving, grouped by theme, and the voting code with a QR
    code that opens /stem/ with the code filled in. `?fuld=1` is the projector's full-screen mode:
    no navigation, no "Logget ind som", text of 32 px and more (issue 20)."""
    workshop = selectors.workshop_detail(user=request.user, pk=pk, action="change")
    vote_url = request.build_absolute_uri(reverse("workshops:vote_start"))
    context = {
        "workshop": workshop,
        "groups": selectors.inputs_by_theme(workshop=workshop),
        "vote_url": vote_url,
        "full_screen": request.GET.get("fuld") == "1",
    }
    if workshop.voting_open:
        context["vote_qr"] = qr.data_uri(f"{vote_url}?{urlencode({'kode': workshop.voting_code})}")
    template = "workshops/screen.html#board" if request.htmx else "workshops/screen.html"
    return render(request, template, context)
