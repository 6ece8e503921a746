"""Dashboard and report reads go to the replica alias when one is configured; writes never do."""

import pytest
from django.conf import settings

from astnet.db_router import REPLICA, ReplicaRouter, reading_from_replica
from citizens.models import Visit
from offers.models import Offer
from tests import factories as f

pytestmark = pytest.mark.replica

ALIASES = ["default", REPLICA] if REPLICA in settings.DATABASES else ["default"]


@pytest.fixture
def replica():
    if REPLICA not in settings.DATABASES:
        if settings.ASTNET_REQUIRE_SERVICES:
            pytest.fail("CI sets DATABASE_REPLICA_URL so the replica routing is tested")
        pytest.skip("no DATABASE_REPLICA_URL")
    return REPLICA


# Committed rows: the replica alias has a connection of its own, as a real replica would.
@pytest.mark.django_db(databases=ALIASES, transaction=True)
def test_reads_inside_the_context_use_the_replica(replica):
    visit = f.VisitFactory()

    with reading_from_replica():
        routed = Visit.objects.filter(offer=visit.offer)
        assert routed.db == replica
        assert routed.count() == 1
    assert Visit.objects.all().db == "default"


@pytest.mark.django_db(databases=ALIASES)
def test_writes_stay_on_the_primary_even_inside_the_context(replica):
    with reading_from_replica():
        offer = f.OfferFactory()
    assert offer._state.db == "default"
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_without_a_replica_everything_reads_from_the_primary(settings):
    databases = {"default": settings.DATABASES["default"]}
    settings.DATABASES = databases
    with reading_from_replica():
        assert ReplicaRouter().db_for_read(Visit) == "default"
    assert ReplicaRouter().allow_migrate("replica", "citizens") is False
