"""`__in` on integer fields with values no column holds (astnet/lookups.py)."""

import pytest
from django.urls import reverse

from citizens.models import Citizen
from offers.models import Offer
from tests import factories as f

pytestmark = pytest.mark.django_db

TOO_BIG, TOO_SMALL = 2**63, -(2**63) - 1


def test_ids_no_column_holds_match_nothing_and_the_others_still_match():
    offer = f.OfferFactory()
    assert list(Offer.objects.filter(pk__in=[TOO_BIG])) == []
    assert list(Offer.objects.filter(pk__in=[TOO_SMALL, offer.pk, TOO_BIG])) == [offer]
    assert offer in Offer.objects.exclude(pk__in=[TOO_BIG])
    assert offer not in Offer.objects.exclude(pk__in=[TOO_BIG, offer.pk])


def test_a_form_choosing_an_id_no_column_holds_says_so_and_saves_nothing(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("citizens:create"),
        {"chosen_name": "Bodil", "home_offers": [str(world.nabo.pk), str(TOO_BIG)]},
    )
    assert response.status_code == 400
    assert not Citizen.objects.filter(chosen_name="Bodil").exists()
