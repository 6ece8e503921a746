"""Writes to offers, opening hours and activities: each in one transaction, with its audit event.

A change that takes effect on a later day is stored with that day and applied by the reads
(offers/as_of.py), never by overwriting today's truth (issue 18)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from astnet.formats import format_date
from offers.as_of import address_on, status_on, stored_changes_due
from offers.models import Activity, Offer, OfferAddressChange, OpeningException, OpeningHours
from offers.signals import bump_programme_page_version

ProgrammeItem = OpeningHours | OpeningException | Activity
_HOURS_FIELDS = ("weekday", "opens", "closes", "user_run")


@transaction.atomic
def programme_item_save(*, item: ProgrammeItem, by, request: HttpRequest | None = None):
    """Create or change an opening period, an exception or an activity of an offer.

    An opening period changed with a later "gælder fra" than it had is a scheduled change: the
    period as stored keeps applying until the day before, and the changed one is saved as a new
    period from that day, so the weeks before still show the old hours."""
    if isinstance(item, OpeningHours) and item.pk is not None:
        stored = OpeningHours.objects.select_for_update().get(pk=item.pk)
        starts_later = item.valid_from is not None and (
            stored.valid_from is None or item.valid_from > stored.valid_from
        )
        changed = any(getattr(item, f) != getattr(stored, f) for f in _HOURS_FIELDS)
        if starts_later and changed:
            stored.valid_until = item.valid_from - datetime.timedelta(days=1)
            stored.full_clean()
            stored.save()
            _audit(stored, Action.CHANGE, by, request)
            item.pk = None
            item._state.adding = True
    created = item.pk is None
    item.full_clean()
    item.save()
    _audit(item, Action.CREATE if created else Action.CHANGE, by, request)
    return item


@transaction.atomic
def programme_item_delete(*, item: ProgrammeItem, by, request: HttpRequest | None = None) -> None:
    _audit(item, Action.DELETE, by, request)
    item.delete()


@transaction.atomic
def offer_update(
    *,
    offer: Offer,
    target_groups,
    by,
    moved_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    """Save a leader's changes to an offer. A new address is a move, recorded with the day it
    takes effect, so the omstilling does not mistake it for a closing; a move on a later day is
    scheduled (the stored address stays until the nightly task applies it). The stored status
    follows the offer's dates as of today (offers/as_of.py)."""
    today = timezone.localdate()
    stored = Offer.objects.select_for_update().get(pk=offer.pk)
    offer.full_clean()
    move = None
    if offer.current_address != stored.current_address:
        if moved_on is None:
            raise ValidationError(
                {"moved_on": _("Adressen er ændret: angiv den dag tilbuddet flytter.")}
            )
        move = OfferAddressChange(
            offer=offer,
            changed_on=moved_on,
            old_address=address_on(stored, moved_on - datetime.timedelta(days=1)),
            new_address=offer.current_address,
            recorded_by=by,
        )
        move.full_clean()
        if moved_on > today:
            offer.address, offer.has_fixed_address = stored.address, stored.has_fixed_address
    offer.status = status_on(offer, today)
    offer.save()
    offer.target_groups.set(target_groups)
    _audit(offer, Action.CHANGE, by, request)
    if move is not None:
        move.save()
        _audit(move, Action.CREATE, by, request)
    return offer


@transaction.atomic
def offer_close(
    *,
    offer: Offer,
    closes_on: datetime.date,
    replaced_by: Offer | None,
    by,
    request: HttpRequest | None = None,
) -> Offer:
    """Close `offer` from `closes_on` (its first closed day, a local date), replaced by
    `replaced_by` or by nothing. Until that day the offer is "closing"; the omstilling shows the
    closing on the day. Raises ValidationError (Danish) when the day comes before the offer opens
    or the replacement is itself closed by then (issue 18: a closing always has a date)."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.opens_on is not None and closes_on <= offer.opens_on:
        raise ValidationError(
            {
                "closes_on": _("Tilbuddet åbner %(day)s og kan tidligst lukke dagen efter.")
                % {"day": format_date(offer.opens_on)}
            }
        )
    if replaced_by is not None:
        if replaced_by.pk == offer.pk:
            raise ValidationError({"replaced_by": _("Et tilbud kan ikke erstatte sig selv.")})
        if status_on(replaced_by, closes_on) == Offer.Status.CLOSED:
            raise ValidationError(
                {"replaced_by": _("Det valgte tilbud er selv lukket på lukkedagen.")}
            )
    offer.closes_on = closes_on
    offer.replaced_by = replaced_by
    offer.status = status_on(offer, timezone.localdate())
    offer.full_clean()
    offer.save()
    _audit(offer, Action.CHANGE, by, request)
    return offer


def apply_scheduled_changes(*, today: datetime.date | None = None) -> int:
    """Bring every offer's stored status and address up to `today` (a local date; default
    today) from its dates and moves: the nightly task, so the admin and any code reading the
    stored fields see what the dated reads already show. Returns how many offers changed."""
    today = today or timezone.localdate()
    changed = 0
    for offer in Offer.objects.prefetch_related("address_changes").iterator(chunk_size=500):
        changes = stored_changes_due(offer, today)
        if not changes:
            continue
        with transaction.atomic():
            Offer.objects.filter(pk=offer.pk).update(**changes)
            audit_record(
                actor=None,
                action=Action.CHANGE,
                target=offer,
                detail=f"tilbud {offer.pk}: planlagt ændring trådte i kraft ({', '.join(changes)})",
            )
        changed += 1
    if changed:
        # Updated without saving (no signals): the programme page's cached weeks go stale here.
        bump_programme_page_version()
    return changed


def _audit(item: Model, action: str, by, request: HttpRequest | None) -> None:
    offer_id = item.pk if isinstance(item, Offer) else item.offer_id
    audit_record(actor=by, action=action, target=item, request=request, detail=f"tilbud {offer_id}")
