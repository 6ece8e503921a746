"""Writes to offers, opening hours and activities: each in one transaction, with its audit event."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _

from astnet.audit import Action, audit_record
from offers.models import Activity, Offer, OfferAddressChange, OpeningException, OpeningHours

ProgrammeItem = OpeningHours | OpeningException | Activity


@transaction.atomic
def programme_item_save(*, item: ProgrammeItem, by, request: HttpRequest | None = None):
    """Create or change an opening period, an exception or an activity of an offer."""
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
    takes effect, so the omstilling does not mistake it for a closing."""
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
            old_address=stored.current_address,
            new_address=offer.current_address,
            recorded_by=by,
        )
        move.full_clean()
    offer.save()
    offer.target_groups.set(target_groups)
    _audit(offer, Action.CHANGE, by, request)
    if move is not None:
        move.save()
        _audit(move, Action.CREATE, by, request)
    return offer


def _audit(item: Model, action: str, by, request: HttpRequest | None) -> None:
    offer_id = item.pk if isinstance(item, Offer) else item.offer_id
    audit_record(actor=by, action=action, target=item, request=request, detail=f"tilbud {offer_id}")
