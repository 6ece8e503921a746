"""Opfølgning: reaching out, with consent, to citizens not seen at their offer for a while.

`refresh_follow_up` runs nightly (citizens/tasks.py) and keeps one open FollowUp per citizen and
home offer that is due. "Kontakt, ikke kontrol": only citizens with an active follow-up consent.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from citizens.models import Citizen, Consent, FollowUp, FollowUpSetting, Outreach, Visit
from offers.as_of import open_on_q
from offers.models import Offer


def active_follow_up_consent():
    """An Exists() for querysets whose rows have a `citizen`: the citizen allows follow-up now."""
    return Exists(
        Consent.objects.filter(
            citizen=OuterRef("citizen"), kind=Consent.Kind.FOLLOW_UP, withdrawn_at__isnull=True
        )
    )


def _thresholds() -> dict[int, int]:
    return dict(FollowUpSetting.objects.values_list("offer_id", "threshold_days"))


def _due_pairs(today: datetime.date) -> dict[tuple[int, int], datetime.date | None]:
    """(citizen, offer) → last visit there, for every consenting regular not seen within the
    offer's threshold. A regular never seen counts from the day they were registered."""
    thresholds = _thresholds()
    Regular = Citizen.home_offers.through
    rows = (
        Regular.objects.filter(open_on_q(today, "offer__"))
        .filter(active_follow_up_consent())
        .annotate(
            last_visit=Subquery(
                Visit.objects.filter(citizen=OuterRef("citizen"), offer=OuterRef("offer"))
                .order_by("-day")
                .values("day")[:1]
            )
        )
        .values_list("citizen_id", "offer_id", "last_visit", "citizen__created_at")
    )
    due = {}
    for citizen_id, offer_id, last_visit, created_at in rows:
        since = last_visit or timezone.localdate(created_at)
        threshold = thresholds.get(offer_id, FollowUpSetting.DEFAULT_THRESHOLD_DAYS)
        if (today - since).days > threshold:
            due[(citizen_id, offer_id)] = last_visit
    return due


@transaction.atomic
def refresh_follow_up(*, today: datetime.date | None = None) -> dict[str, int]:
    """Open follow-ups that have become due and close those that no longer are."""
    today = today or timezone.localdate()
    due = _due_pairs(today)
    opened = closed = 0
    open_now = FollowUp.objects.filter(closed_at__isnull=True).annotate(
        consent_active=active_follow_up_consent()
    )
    for follow_up in open_now:
        key = (follow_up.citizen_id, follow_up.offer_id)
        if key in due:
            due.pop(key)
            continue
        follow_up.closed_at = timezone.now()
        follow_up.close_reason = (
            FollowUp.CloseReason.VISITED
            if follow_up.consent_active
            else FollowUp.CloseReason.CONSENT_WITHDRAWN
        )
        follow_up.save(update_fields=["closed_at", "close_reason"])
        closed += 1
    FollowUp.objects.bulk_create(
        FollowUp(citizen_id=citizen_id, offer_id=offer_id, last_visit_on=last, opened_on=today)
        for (citizen_id, offer_id), last in due.items()
    )
    opened = len(due)
    return {"opened": opened, "closed": closed}


def outreach_record(
    *, follow_up: FollowUp, by, on: datetime.date, outcome: str, note: str = "", request=None
) -> Outreach:
    """Log one attempt to reach the citizen; once they are reached the follow-up is done."""
    if on > timezone.localdate():
        raise ValidationError(
            {"on": _("Datoen ligger i fremtiden. Vælg i dag eller en tidligere dato.")}
        )
    outreach = Outreach(
        citizen_id=follow_up.citizen_id,
        follow_up=follow_up,
        by=by,
        on=on,
        outcome=outcome,
        note=note,
    )
    outreach.full_clean()
    with transaction.atomic():
        outreach.save()
        if outcome in (Outreach.Outcome.REACHED, Outreach.Outcome.DECLINED):
            follow_up.closed_at = timezone.now()
            follow_up.close_reason = FollowUp.CloseReason.REACHED
            follow_up.save(update_fields=["closed_at", "close_reason"])
        audit_record(actor=by, action=Action.CREATE, target=outreach, request=request)
    return outreach


def follow_up_threshold_set(
    *, offer: Offer, threshold_days: int, by, request=None
) -> FollowUpSetting:
    setting, _created = FollowUpSetting.objects.get_or_create(offer=offer)
    setting.threshold_days = threshold_days
    setting.full_clean()
    with transaction.atomic():
        setting.save()
        audit_record(actor=by, action=Action.CHANGE, target=setting, request=request)
    return setting
