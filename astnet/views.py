"""The foundation's pages: the audit log and the second factor after the password."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from astnet import access, second_factor
from astnet.forms import SecondFactorForm
from astnet.models import AuditEvent, Role


@access.require_role(Role.DATA_PROTECTION_OFFICER)
def audit_log(request: HttpRequest) -> HttpResponse:
    events = access.scope(request.user, AuditEvent).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("side"))
    return render(request, "astnet/audit_log.html", {"page": page})


@login_required
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    device = second_factor.confirmed_device(request.user)
    if device is None:
        return redirect("second_factor_setup")
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        if second_factor.verify(request, device, form.cleaned_data["token"]):
            return redirect("home")
        form.add_error("token", _("Koden passer ikke. Prøv den næste kode fra din app."))
    return render(request, "astnet/second_factor_verify.html", {"form": form})


@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    if second_factor.confirmed_device(request.user) is not None:
        return redirect("second_factor_verify")
    device = second_factor.pending_device(request.user)
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        if second_factor.verify(request, device, form.cleaned_data["token"]):
            return redirect("home")
        form.add_error("token", _("Koden passer ikke. Tjek at uret på telefonen går rigtigt."))
    context = {
        "form": form,
        "secret": second_factor.secret_for_display(device),
        "qr": second_factor.qr_data_uri(device),
    }
    return render(request, "astnet/second_factor_setup.html", context)
