"""The foundation's pages: the audit log and the second factor after the password."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from astnet import access, oidc, second_factor
from astnet import audit_log as audit_log_module
from astnet.audit import Action, audit_record, shows_personal_data
from astnet.forms import SecondFactorForm
from astnet.models import AuditEvent, Role


@access.require_role(Role.DATA_PROTECTION_OFFICER, Role.LEADER)
@shows_personal_data("astnet.auditevent", id_kwarg=None)
def audit_log(request: HttpRequest) -> HttpResponse:
    """The log filtered by user, citizen, action, object type and dates; `?eksport=csv` downloads
    the filtered rows, and that export is itself an audit event (issue 16). Which events a reader
    gets (the whole city, or a leader's district) is the access door's: `access.scope`."""
    filterset = audit_log_module.AuditEventFilter(
        request.GET or None, queryset=access.scope(request.user, AuditEvent), request=request
    )
    valid = not filterset.is_bound or filterset.is_valid()
    events = filterset.qs if filterset.is_bound and valid else filterset.queryset
    if request.GET.get("eksport") == "csv" and valid:
        used = sorted(
            name
            for name, value in (filterset.form.cleaned_data if filterset.is_bound else {}).items()
            if value
        )
        audit_record(
            actor=request.user,
            action=Action.EXPORT,
            object_type="astnet.auditevent",
            request=request,
            # The filter's names only, never its values: a chosen name is personal data.
            detail="audit-log CSV; filtre: " + (", ".join(used) or "ingen"),
        )
        response = HttpResponse(
            audit_log_module.as_csv(events, request.user), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        return response
    page = Paginator(events.select_related("actor"), 50).get_page(request.GET.get("side"))
    audit_log_module.with_object_names(page.object_list, request.user)
    return render(
        request,
        "astnet/audit_log.html",
        {"page": page, "filter": filterset, "whole": access.audit_log_is_whole(request.user)},
    )


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


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Danish, in the site's layout, status 403; `reason` is for logs only."""
    return render(request, "403_csrf.html", status=403)


class LogoutView(auth_views.LogoutView):
    """ "Log ud": ends astnet's session and, after a login through the provider, the provider's
    too (RP-initiated logout), so the next person at a shared PC must type a password (issue 17)."""

    def post(self, request, *args, **kwargs):
        provider_logout = oidc.provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return redirect(provider_logout) if provider_logout else response
