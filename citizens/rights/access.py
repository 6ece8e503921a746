"""Who may use the citizens' rights (GDPR art. 15-17): the data-protection officer answers every
citizen's requests (access, erasure, legal hold); a leader may produce the access export for their
own district's citizens. Neither sees the records otherwise.

Registered into the one door (`astnet.access`) from `CitizensConfig.ready()`.
"""

from django.db.models import QuerySet

from astnet.access import ScopeAction, has_role, leader_district_ids, rule, scope
from astnet.models import Role
from citizens.models import Citizen, Consent


def is_data_protection_officer(user) -> bool:
    """The officer alone anonymises, sets a legal hold and sees every citizen's consents."""
    return has_role(user, Role.DATA_PROTECTION_OFFICER)


def reads_cpr_duplicates(user) -> bool:
    """The officer alone sees which records share a CPR number and merges them: staff creating a
    citizen are never told that a number exists elsewhere (no oracle, issue 16)."""
    return is_data_protection_officer(user)


def uses_rights_pages(user) -> bool:
    """The officer and the leaders work with the rights pages (the consent list links to them)."""
    return has_role(user, Role.DATA_PROTECTION_OFFICER, Role.LEADER)


def rights_citizens(user) -> QuerySet:
    """The citizens whose rights requests the user may answer: the officer every citizen not yet
    anonymised, a leader those their citizen scope shows, everyone else none."""
    if is_data_protection_officer(user):
        return Citizen.objects.exclude(privacy__anonymised_at__isnull=False)
    return scope(user, Citizen, "view") if leader_district_ids(user) else Citizen.objects.none()


def rights_consents(user, action: ScopeAction = "view") -> QuerySet:
    """The consent overview: the officer every consent (view and withdraw), others as the consent
    rule says (staff withdraw consents of their own offers' citizens)."""
    if is_data_protection_officer(user):
        return Consent.objects.filter(citizen__in=rights_citizens(user).values("pk"))
    return scope(user, Consent, action)


@rule("citizens.citizenprivacy")
@rule("citizens.citizenrevision")
def _citizen_rights_records(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The legal hold is the officer's to change; the history is read with the export."""
    if action == "change" and not is_data_protection_officer(user):
        return qs.none()
    return qs.filter(citizen__in=rights_citizens(user).values("pk"))
