"""Opfølgning: reaching out, with consent, to citizens not seen at their offer for a while.

`refresh_follow_up` runs nightly (citizens/tasks.py) and keeps one open FollowUp per citizen and
home offer that is due. "Kontakt, ikke kontrol": only citizens with an active follow-up consent.

A follow-up changes only by what happened (issue 19): every path that closes one goes through
`follow_ups_close`, and "Borgeren er kommet igen" needs the visit that shows it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
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


def follow_ups_close(*, follow_ups: QuerySet, reason: str, visit: Visit | None = None) -> int:
    """Close the open ones among `follow_ups` with `reason` (a FollowUp.CloseReason); returns how
    many. The one door for closing a follow-up. Raises ValueError for "visited" without the
    `visit` that shows the citizen came (issue 19: raising a threshold is not a visit)."""
    if reason not in FollowUp.CloseReason.values:
        raise ValueError(f"unknown close reason {reason!r}")
    if (reason == FollowUp.CloseReason.VISITED) != (visit is not None):
        raise ValueError("a follow-up is closed as visited by a visit, and only then")
    return follow_ups.filter(closed_at__isnull=True).update(
        closed_at=timezone.now(), close_reason=reason, closing_visit=visit
    )


def follow_ups_close_by_visit(visit: Visit) -> int:
    """The citizen came to the offer: close their open follow-up there, if the visit is newer
    than the last one the follow-up knew of (a back-dated visit from before is no return)."""
    follow_ups = FollowUp.objects.filter(citizen_id=visit.citizen_id, offer_id=visit.offer_id)
    follow_ups = follow_ups.filter(Q(last_visit_on__isnull=True) | Q(last_visit_on__lt=visit.day))
    return follow_ups_close(follow_ups=follow_ups, reason=FollowUp.CloseReason.VISITED, visit=visit)


def follow_ups_reopen_for_visit(visit: Visit) -> int:
    """A check-in taken back was no visit: reopen the follow-up it closed, unless the citizen has
    another open one there by now. Returns how many were reopened."""
    closed = FollowUp.objects.filter(closing_visit=visit)
    if FollowUp.objects.filter(
        citizen_id=visit.citizen_id, offer_id=visit.offer_id, closed_at__isnull=True
    ).exists():
        return 0
    return closed.update(closed_at=None, close_reason="", closing_visit=None)


def _why_no_longer_due(follow_up: FollowUp, today: datetime.date) -> tuple[str, Visit | None]:
    """What happened to a follow-up that the refresh finds no longer due, in the order that
    best explains it to staff: a newer visit first, then consent, the offer, the regular."""
    visits = Visit.objects.filter(citizen_id=follow_up.citizen_id, offer_id=follow_up.offer_id)
    if follow_up.last_visit_on is not None:
        visits = visits.filter(day__gt=follow_up.last_visit_on)
    visit = visits.order_by("-day").first()
    if visit is not None:
        return FollowUp.CloseReason.VISITED, visit
    if not follow_up.consent_active:
        return FollowUp.CloseReason.CONSENT_WITHDRAWN, None
    if not Offer.objects.filter(open_on_q(today), pk=follow_up.offer_id).exists():
        return FollowUp.CloseReason.OFFER_CLOSED, None
    if not follow_up.offer.regulars.filter(pk=follow_up.citizen_id).exists():
        return FollowUp.CloseReason.NO_LONGER_REGULAR, None
    return FollowUp.CloseReason.NO_LONGER_DUE, None


@transaction.atomic
def refresh_follow_up(*, today: datetime.date | None = None) -> dict[str, int]:
    """Open follow-ups that have become due and close those that no longer are, each with the
    reason it no longer is (`_why_no_longer_due`). Returns the counts opened and closed."""
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
        reason, visit = _why_no_longer_due(follow_up, today)
        closed += follow_ups_close(
            follow_ups=FollowUp.objects.filter(pk=follow_up.pk), reason=reason, visit=visit
        )
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
        reason = {
            Outreach.Outcome.REACHED: FollowUp.CloseReason.REACHED,
            Outreach.Outcome.DECLINED: FollowUp.CloseReason.DECLINED,
        }.get(outcome)
        if reason:
            follow_ups_close(follow_ups=FollowUp.objects.filter(pk=follow_up.pk), reason=reason)
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
