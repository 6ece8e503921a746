"""Random input into every peer-mentor form, as the role that uses it: never a 500, and a refused
form changes nothing (the shared fuzz test cannot log in as Nordvest's coordinator)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.astnet.test_form_fuzz import VALUES, _FormFields, _row_counts
from tests.mentors import factories as mf

COORDINATOR_FORMS = [
    "mentors:cohort_create",
    "mentors:mentor_create",
    "mentors:placement_create",
    "mentors:target",
    "mentors:supervision_create",
]


def _fuzz(client, url):
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    assert parser.fields

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.fixed_dictionaries({field: VALUES for field in sorted(parser.fields)}))
    def post_random(data):
        before = _row_counts()
        response = client.post(url, {k: v.replace("\x00", "") for k, v in data.items()})
        assert response.status_code < 500, data
        if response.status_code == 200:
            changed = {k for k, v in _row_counts().items() if before[k] != v}
            assert changed <= {"astnet.AuditEvent", "sessions.Session"}, (data, changed)

    post_random()


@pytest.mark.parametrize("name", COORDINATOR_FORMS)
def test_random_posts_to_the_coordinators_forms(client, mentor_world, name):
    client.force_login(mentor_world.coordinator)
    _fuzz(client, reverse(name))


def test_random_posts_to_the_peer_meeting_log(client, mentor_world):
    mf.PlacementFactory(mentor=mentor_world.sara, offer=mentor_world.mamma_mia)
    client.force_login(mentor_world.sara.user)
    _fuzz(client, reverse("mentors:meeting_log"))


def test_random_posts_to_the_cohort_forms(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    _fuzz(client, reverse("mentors:session_create", args=[mentor_world.cohort.pk]))
    _fuzz(client, reverse("mentors:participant_add", args=[mentor_world.cohort.pk]))
