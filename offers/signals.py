"""Move an offer's programme version whenever something printed on its programme changes, whoever
changes it (the staff's pages, the admin, the demo seed), so a cached PDF is never shown stale; and
move the public programme page's own version whenever anything it prints changes (the offers app,
the outreach hours), so a cached week of the page is never shown stale either (issue 22)."""

from collections.abc import Iterable

from django.apps import apps
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


def _programme_row_changed(sender, **kwargs) -> None:
    """Districts' and tracks' names, target groups, moves, new offers, the outreach hours and
    their partners: a row of these may be printed on a week of the programme page."""
    bump_programme_page_version()


def connect_programme_page_receivers() -> None:
    """Connect `_programme_row_changed` to every model of the offers app (their many-to-many
    tables too) and to `PRINTED_ELSEWHERE`, by sender: a receiver for every model of the project
    would run on every save anywhere, and would be a second writer beside the services for models
    such as Citizen (tests/rights/test_history.py). Called from OffersConfig.ready()."""
    models = [
        *apps.get_app_config("offers").get_models(include_auto_created=True),
        *(apps.get_model(label) for label in sorted(PRINTED_ELSEWHERE)),
    ]
    for model in models:
        uid = f"programme-page-{model._meta.label_lower}"
        post_save.connect(_programme_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_programme_row_changed, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_programme_row_changed, sender=model, dispatch_uid=uid)
