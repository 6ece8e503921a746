"""One person, one record, without an oracle (issue 16): the CPR hash on Citizen is not unique, so
creating a citizen never tells staff that a number exists elsewhere. Records that share a CPR number
are instead listed for the data-protection officer, who sees every citizen anyway, and merged here
through the one merge service (citizens/merging.py), which writes the audit events."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from citizens.merging import citizen_merge
from citizens.models import Citizen
from citizens.rights.access import reads_cpr_duplicates, rights_citizens
from offers.models import Offer


@dataclass
class DuplicateGroup:
    """Citizens that share one CPR number, oldest record first (the hash itself is never shown)."""

    citizens: list[Citizen]


def _shared_hashes(citizens):
    return (
        citizens.filter(cpr_hash__isnull=False)
        .values("cpr_hash")
        .annotate(records=Count("pk"))
        .filter(records__gt=1)
        .values("cpr_hash")
    )


def cpr_duplicate_groups(user) -> list[DuplicateGroup]:
    """Every group of two or more citizens (not anonymised) with the same CPR number, for the
    data-protection officer; nobody else gets any. Three queries whatever the number of groups."""
    if not reads_cpr_duplicates(user):
        return []
    citizens = rights_citizens(user)
    found = (
        citizens.filter(cpr_hash__in=_shared_hashes(citizens))
        .select_related("district")
        .prefetch_related(Prefetch("home_offers", queryset=Offer.objects.order_by("name")))
        .order_by("cpr_hash", "created_at", "pk")
    )
    groups: dict[str, DuplicateGroup] = {}
    for citizen in found:
        groups.setdefault(citizen.cpr_hash, DuplicateGroup([])).citizens.append(citizen)
    return sorted(groups.values(), key=lambda group: group.citizens[0].pk)


def cpr_duplicates_merge(*, keep_pk: int, by, request=None) -> int:
    """Merge every other record with `keep_pk`'s CPR number into it (citizens.merging, which
    audits each merge: a change of the kept record and a deletion of the other). Returns how many
    were merged. Raises ValidationError when the record is not in a duplicate group the user may
    merge, or for a merge refusal (e.g. both enrolled on one course); merges done before a refusal
    stay done, each being whole on its own."""
    if not reads_cpr_duplicates(by):
        raise ValidationError(_("Kun databeskyttelsesrådgiveren lægger CPR-dubletter sammen."))
    citizens = rights_citizens(by)
    keep = citizens.filter(pk=keep_pk, cpr_hash__isnull=False).first()
    others = list(
        citizens.filter(cpr_hash=keep.cpr_hash).exclude(pk=keep.pk).order_by("pk") if keep else []
    )
    if not others:
        raise ValidationError(_("Borgeren har ingen dublet med samme CPR-nummer."))
    for duplicate in others:
        citizen_merge(keep=keep, duplicate=duplicate, by=by, request=request)
        keep.refresh_from_db()
    return len(others)
