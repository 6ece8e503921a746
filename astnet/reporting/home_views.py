"""The public front page and each role's home page (the one a user lands on after login)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from astnet import access
from astnet.audit import shows_personal_data
from astnet.audit_log import with_object_names
from astnet.models import AuditEvent, Role
from offers.as_of import open_on_q
from offers.models import District, Offer

ROLE_HOME_URLS = {
    Role.STAFF: "home_staff",
    Role.LEADER: "home_leader",
    Role.COUNCIL_MEMBER: "home_council",
    Role.PEER_MENTOR: "home_peer",
    Role.ADMINISTRATION: "home_administration",
    Role.DATA_PROTECTION_OFFICER: "home_dpo",
    # The coordinator's work is the peer training; its hub is their home.
    Role.TRAINING_COORDINATOR: "mentors:index",
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
        open_offers=Count("offers", filter=open_on_q(timezone.localdate(), "offers__")),
        all_offers=Count("offers"),
    )
    return render(request, "astnet/home_administration.html", {"districts": districts})


@access.require_role(Role.DATA_PROTECTION_OFFICER)
@shows_personal_data("astnet.auditevent", id_kwarg=None)
def home_dpo(request: HttpRequest) -> HttpResponse:
    recent = with_object_names(
        list(access.scope(request.user, AuditEvent).select_related("actor")[:10]), request.user
    )
    return render(request, "astnet/home_dpo.html", {"recent": recent})
