"""Opfølgning pages: the follow-up list, logging an outreach, and each offer's threshold."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from astnet import access
from astnet.audit import shows_personal_data
from astnet.forms import add_service_error
from astnet.models import Role
from citizens.access import attendance_offer_ids
from citizens.follow_up import selectors, services
from citizens.follow_up.access import calls_citizens, oversees_follow_up
from citizens.follow_up.forms import FollowUpSettingForm, OutreachForm
from citizens.models import FollowUpSetting
from citizens.selectors import attendance_offer, attendance_offers


@require_GET
@access.require_role(Role.STAFF, Role.LEADER)
@shows_personal_data("citizens.followup", id_kwarg=None, detail="opfølgningsliste")
def follow_up_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.follow_up_list(request.user), 50).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "is_staff": calls_citizens(request.user),
        "staff_offer_ids": attendance_offer_ids(request.user),
        "offer_counts": selectors.follow_up_counts_by_offer(request.user)
        if oversees_follow_up(request.user)
        else None,
        "staff_offers": attendance_offers(request.user).select_related("follow_up_setting"),
        "default_threshold": FollowUpSetting.DEFAULT_THRESHOLD_DAYS,
    }
    return render(request, "citizens/follow_up_list.html", context)


@access.require_role(Role.STAFF)
@shows_personal_data("citizens.followup")
def outreach_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.follow_up_for_change(request.user, pk)
    form = OutreachForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.outreach_record(
                follow_up=item, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kontakten er registreret."))
            return redirect("citizens:follow_up")
    return render(
        request,
        "citizens/outreach_form.html",
        {"form": form, "follow_up": item},
        status=400 if form.errors else 200,
    )


@access.require_role(Role.STAFF)
def threshold_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = attendance_offer(request.user, offer_id)
    current = FollowUpSetting.objects.filter(offer=offer).values_list("threshold_days", flat=True)
    form = FollowUpSettingForm(
        request.POST or None,
        initial={"threshold_days": current.first() or FollowUpSetting.DEFAULT_THRESHOLD_DAYS},
    )
    if request.method == "POST" and form.is_valid():
        services.follow_up_threshold_set(
            offer=offer, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Grænsen for opfølgning er gemt."))
        return redirect("citizens:follow_up")
    return render(
        request,
        "citizens/threshold_form.html",
        {"form": form, "offer": offer},
        status=400 if form.errors else 200,
    )
