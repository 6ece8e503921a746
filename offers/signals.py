"""Move an offer's programme version whenever something printed on its programme changes, whoever
changes it (the staff's pages, the admin, the demo seed), so a cached PDF is never shown stale; and
move the public programme page's own version whenever anything it prints changes (the offers app,
the outreach hours), so a cached week of the page is never shown stale either (issue 22)."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from offers.models import Activity, Offer, OpeningException, OpeningHours
from offers.programme_selectors import new_programme_page_version


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


# Models outside the offers app whose rows the programme page prints: the partners' outreach
# hours (issue 21), kept by the citizens app, which offers does not import. A model printed on
# the page from another app belongs here.
PRINTED_ELSEWHERE = {"citizens.caseworkhours", "citizens.caseworkpartner"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _programme_row_changed(sender, **kwargs) -> None:
    """Districts' and tracks' names, target groups, moves, new offers, the outreach hours and
    their partners: any row of the offers app, and of `PRINTED_ELSEWHERE`, may be printed on a
    week of the programme page."""
    model = sender if isinstance(sender, type) else None
    if model is None:
        return
    if model._meta.app_label == "offers" or model._meta.label_lower in PRINTED_ELSEWHERE:
        bump_programme_page_version()
