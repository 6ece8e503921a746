"""Reads for follow-up: the list of citizens due for a call, and a leader's counts per offer, all
scoped through `astnet.access`."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from astnet import access
from citizens.follow_up.access import overseen_offers
from citizens.follow_up.services import active_follow_up_consent
from citizens.models import (
    FollowUp,
    FollowUpSetting,
    Outreach,
)


def follow_up_list(user) -> QuerySet:
    """Open follow-ups the user works with, for citizens whose consent still holds right now."""
    latest_outreach = Outreach.objects.filter(follow_up=OuterRef("pk")).order_by("-on", "-pk")
    return (
        access.scope(user, FollowUp)
        .filter(closed_at__isnull=True)
        .filter(active_follow_up_consent())
        .select_related("citizen", "citizen__contact_person", "offer")
        .annotate(
            last_outreach_on=Subquery(latest_outreach.values("on")[:1]),
            last_outreach_outcome=Subquery(latest_outreach.values("outcome")[:1]),
        )
        .order_by("offer__name", "last_visit_on", "pk")
    )


def follow_up_for_change(user, pk: int) -> FollowUp:
    follow_ups = FollowUp.objects.filter(closed_at__isnull=True).select_related("citizen", "offer")
    return access.get_in_scope(user, follow_ups, "change", pk=pk)


def follow_up_counts_by_offer(user) -> QuerySet:
    """For a leader: open follow-ups per offer in their district (counts only, no names)."""
    due = (
        FollowUp.objects.filter(offer=OuterRef("pk"), closed_at__isnull=True)
        .filter(active_follow_up_consent())
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    threshold = FollowUpSetting.objects.filter(offer=OuterRef("pk")).values("threshold_days")
    return (
        overseen_offers(user)
        .annotate(open_follow_ups=Subquery(due), threshold_days=Subquery(threshold))
        .order_by("name")
    )
