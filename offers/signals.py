"""Move an offer's programme version whenever something printed on its programme changes, whoever
changes it (the staff's pages, the admin, the demo seed), so a cached PDF is never shown stale."""

from collections.abc import Iterable

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from offers.models import Activity, Offer, OpeningException, OpeningHours


def bump_programme_version(offer_ids: Iterable[int]) -> None:
    Offer.objects.filter(pk__in=list(offer_ids)).update(
        programme_version=F("programme_version") + 1
    )


@receiver(post_save, sender=OpeningHours)
@receiver(post_delete, sender=OpeningHours)
@receiver(post_save, sender=OpeningException)
@receiver(post_delete, sender=OpeningException)
@receiver(post_save, sender=Activity)
@receiver(post_delete, sender=Activity)
def _programme_item_changed(sender, instance, **kwargs) -> None:
    bump_programme_version([instance.offer_id])


@receiver(post_save, sender=Offer)
def _offer_changed(sender, instance: Offer, created: bool, **kwargs) -> None:
    if not created:
        bump_programme_version([instance.pk])
