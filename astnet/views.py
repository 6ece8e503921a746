"""Home pages per role, the public front page and the audit log."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet import access, oidc, second_factor
from astnet.forms import SecondFactorForm
from astnet.models import AuditEvent, Role
from offers.models import District, Offer

ROLE_HOME_URLS = {
    Role.STAFF: "home_staff",
    Role.LEADER: "home_leader",
    Role.COUNCIL_MEMBER: "home_council",
    Role.PEER_MENTOR: "home_peer",
    Role.ADMINISTRATION: "home_administration",
    Role.DATA_PROTECTION_OFFICER: "home_dpo",
}


def public_home(request: HttpRequest) -> HttpResponse:
    districts = District.objects.prefetch_related(
        "tracks",
        "offers",
    ).order_by("name")
    return render(request, "astnet/public_home.html", {"districts": districts})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    held = access.roles_in_order(request.user)
    if not held:
        return render(request, "astnet/home_without_role.html")
    return redirect(ROLE_HOME_URLS[held[0]])


def _offers_with_today(offers):
    today = timezone.localdate()
    return offers.select_related("district").annotate(
        visits_today=Count("visits", filter=Q(visits__day=today))
    )


@access.require_role(Role.STAFF)
def home_staff(request: HttpRequest) -> HttpResponse:
    offers = _offers_with_today(
        access.scope(request.user, Offer, "change").filter(
            pk__in=access.staff_offer_ids(request.user)
        )
    )
    return render(request, "astnet/home_staff.html", {"offers": offers})


@access.require_role(Role.LEADER)
def home_leader(request: HttpRequest) -> HttpResponse:
    districts = access.scope(request.user, District, "change")
    offers = _offers_with_today(access.scope(request.user, Offer, "change"))
    return render(request, "astnet/home_leader.html", {"districts": districts, "offers": offers})


@access.require_role(Role.COUNCIL_MEMBER)
def home_council(request: HttpRequest) -> HttpResponse:
    councils = [m.council for m in access.memberships(request.user) if m.council_id]
    return render(request, "astnet/home_council.html", {"councils": councils})


@access.require_role(Role.PEER_MENTOR)
def home_peer(request: HttpRequest) -> HttpResponse:
    return render(request, "astnet/home_peer.html")


@access.require_role(Role.ADMINISTRATION)
def home_administration(request: HttpRequest) -> HttpResponse:
    districts = access.scope(request.user, District).annotate(
        open_offers=Count("offers", filter=Q(offers__status=Offer.Status.OPEN)),
        all_offers=Count("offers"),
    )
    return render(request, "astnet/home_administration.html", {"districts": districts})


@access.require_role(Role.DATA_PROTECTION_OFFICER)
def home_dpo(request: HttpRequest) -> HttpResponse:
    recent = access.scope(request.user, AuditEvent).select_related("actor")[:10]
    return render(request, "astnet/home_dpo.html", {"recent": recent})


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
