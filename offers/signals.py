"""Move an offer's programme version whenever something printed on its programme changes, whoever
changes it (the staff's pages, the admin, the demo seed), so a cached PDF is never shown stale; and
move the public programme's own version whenever anything in the offers app changes, so a cached
week of the programme page is never shown stale either (issue 22)."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from offers.models import Activity, Offer, OpeningException, OpeningHours
from offers.selectors import new_programme_page_version


def bump_programme_version(offer_ids: Iterable[int]) -> None:
    """Moves the given offers' programme versions (their PDFs) and the programme page's version."""
    Offer.objects.filter(pk__in=list(offer_ids)).update(
        programme_version=F("programme_version") + 1
    )
    bump_programme_page_version()


def bump_programme_page_version() -> None:
    """Every cached week of the public programme page is stale from now on.

    Moved at once (this transaction's later reads must not find the old page) and again when the
    transaction commits: a visitor who read the old rows while it was open may have cached them
    under the version moved at once."""
    new_programme_page_version()
    transaction.on_commit(new_programme_page_version)


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


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _offers_app_changed(sender, **kwargs) -> None:
    """Districts' and tracks' names, target groups, moves, new offers, and whatever the offers app
    adds to the programme later (outreach hours): any row of the app may be printed on a week."""
    model = sender if isinstance(sender, type) else None
    if model is not None and model._meta.app_label == "offers":
        bump_programme_page_version()
