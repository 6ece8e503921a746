"""The tablet survey: staff open it for an offer, the citizen answers, one tap hands it back."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from astnet import access
from citizens import selectors as citizen_selectors
from citizens.satisfaction import selectors, services
from citizens.satisfaction.access import SURVEY_GIVERS
from citizens.satisfaction.forms import SurveyForm
from citizens.satisfaction.models import SurveyResponse


@require_GET
@access.require_role(*SURVEY_GIVERS)
def start(request: HttpRequest) -> HttpResponse:
    """Staff choose the offer and the kind of survey before handing over the tablet."""
    offers = citizen_selectors.attendance_offers(request.user).order_by("name")
    return render(
        request,
        "citizens/satisfaction/start.html",
        {"offers": offers, "kinds": SurveyResponse.Kind.choices},
    )


@require_http_methods(["GET", "POST"])
@access.require_role(*SURVEY_GIVERS)
def survey(request: HttpRequest, offer_id: int, kind: str) -> HttpResponse:
    if kind not in SurveyResponse.Kind.values:
        raise Http404
    offer = citizen_selectors.attendance_offer(request.user, offer_id)
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        questions=selectors.active_questions(),
    )
    if request.method == "POST" and form.is_valid():
        services.response_record(offer=offer, kind=kind, scores=form.scores())
        return redirect("citizens:satisfaction_thanks", offer.pk)
    return render(
        request,
        "citizens/satisfaction/survey.html",
        {"form": form, "offer": offer, "kind": SurveyResponse.Kind(kind)},
    )


@require_GET
@access.require_role(*SURVEY_GIVERS)
def thanks(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = citizen_selectors.attendance_offer(request.user, offer_id)
    return render(request, "citizens/satisfaction/thanks.html", {"offer": offer})
