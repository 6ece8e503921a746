"""Reads for the citizens' rights pages, scoped through astnet.access (officer: every citizen;
leader: their district's; staff: the consents of their own offers' citizens)."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from citizens.models import Citizen, Consent, Visit
from citizens.rights.access import rights_citizens, rights_consents
from citizens.rights.duplicates import DuplicateGroup, cpr_duplicate_groups
from citizens.rights.models import CitizenPrivacy

__all__ = ["DuplicateGroup", "cpr_duplicate_groups"]  # the officer's duplicate report


def rights_citizen_list(user, query: str = "") -> QuerySet:
    citizens = rights_citizens(user).select_related("district")
    if query.strip():
        citizens = citizens.filter(chosen_name__icontains=query.strip())
    last_visit = Visit.objects.filter(citizen=OuterRef("pk")).order_by("-day").values("day")[:1]
    return citizens.annotate(last_visit_on=Subquery(last_visit)).order_by("chosen_name", "pk")


def rights_citizen(user, pk: int) -> Citizen:
    """One citizen whose rights the user handles, or 404 (missing, anonymised or out of scope)."""
    citizens = rights_citizens(user).select_related("district", "contact_person")
    return get_object_or_404(citizens, pk=pk)


def privacy_of(citizen: Citizen) -> CitizenPrivacy:
    return CitizenPrivacy.objects.filter(citizen=citizen).first() or CitizenPrivacy(citizen=citizen)


def stored_counts(citizen: Citizen) -> dict[str, int]:
    """How much is stored about the citizen, for the confirmation page (what goes, what stays)."""
    return {
        "visits": citizen.visits.count(),
        "talks": citizen.talks.count(),
        "consents": citizen.consents.count(),
        "outreaches": citizen.outreaches.count(),
        "revisions": citizen.revisions.count(),
    }


def consent_overview(user, *, status: str = "", kind: str = "") -> QuerySet:
    consents = rights_consents(user, "view")
    if status == "active":
        consents = consents.filter(withdrawn_at__isnull=True)
    elif status == "withdrawn":
        consents = consents.filter(withdrawn_at__isnull=False)
    if kind:
        consents = consents.filter(kind=kind)
    return consents.select_related("citizen", "recorded_by", "withdrawn_recorded_by").order_by(
        "citizen__chosen_name", "citizen_id", "-given_at", "-pk"
    )


def withdrawable_ids(user, consent_ids) -> set[int]:
    return set(
        rights_consents(user, "change")
        .filter(pk__in=consent_ids, withdrawn_at__isnull=True)
        .values_list("pk", flat=True)
    )


def consent_to_withdraw(user, pk: int) -> Consent:
    consents = rights_consents(user, "change").filter(withdrawn_at__isnull=True)
    return get_object_or_404(consents.select_related("citizen"), pk=pk)
