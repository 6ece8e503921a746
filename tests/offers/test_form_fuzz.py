"""Random input to the staff's forms (the shared fuzz test only reaches forms without ids):
never a 500, and a refused form changes nothing."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offers.models import Activity, Offer, OpeningException, OpeningHours
from tests.astnet.test_form_fuzz import VALUES, _FormFields


def _counts():
    return [m.objects.count() for m in (Activity, OpeningHours, OpeningException)]


@pytest.mark.parametrize(
    "url_name", ["activity_create", "hours_create", "exception_create", "offer_edit"]
)
def test_random_posts_never_crash_and_refusals_change_nothing(client, world, url_name):
    user = world.leader if url_name == "offer_edit" else world.staff
    client.force_login(user)
    url = reverse(f"offers:{url_name}", args=[world.nabo.pk])
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    assert parser.fields

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.fixed_dictionaries({field: VALUES for field in sorted(parser.fields)}))
    def post_random(data):
        before = (_counts(), Offer.objects.filter(pk=world.nabo.pk).values().get())
        response = client.post(url, {k: v.replace("\x00", "") for k, v in data.items()})
        assert response.status_code in {200, 302, 400}
        if response.status_code != 302:
            assert (_counts(), Offer.objects.filter(pk=world.nabo.pk).values().get()) == before

    post_random()
