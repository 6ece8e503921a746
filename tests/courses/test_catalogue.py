import datetime

import pytest
from django.urls import reverse

from tests import factories as f
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(world, courses):
    today = datetime.date.today()
    norrebro_track = f.TrackFactory(name="Unge, uddannelse og beskæftigelse", slug="unge")
    full = cf.CourseFactory(
        title="Job og hverdag",
        kind="referred",
        expected_effect="Flere i job",
        track=norrebro_track,
        capacity=1,
        host_offers=[world.griffen],
        start_date=today + datetime.timedelta(days=90),
    )
    cf.EnrollmentFactory(course=full, citizen=courses.griffen_citizen)
    return full


def _titles(response):
    content = response.content.decode()
    return [title for title in ("Søvn og hverdag", "Job og hverdag") if title in content]


def test_staff_read_every_course_in_the_city(
    client, world, catalogue, django_assert_max_num_queries
):
    client.force_login(world.staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("courses:catalogue"))
    assert _titles(response) == ["Søvn og hverdag", "Job og hverdag"]
    assert "Fuldt" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "referred"}, ["Job og hverdag"]),
        ({"spor": "sundhed"}, ["Søvn og hverdag"]),
        ({"bydel": "norrebro"}, ["Job og hverdag"]),
        ({"starter_snart": "on"}, ["Søvn og hverdag"]),
        ({"ledige_pladser": "on"}, ["Søvn og hverdag"]),
    ],
)
def test_the_filters(client, world, catalogue, query, expected):
    client.force_login(world.staff)
    assert _titles(client.get(reverse("courses:catalogue"), query)) == expected


def test_leaders_read_their_own_district_only(client, world, catalogue):
    client.force_login(world.leader)
    assert _titles(client.get(reverse("courses:catalogue"))) == ["Søvn og hverdag"]
    assert client.get(reverse("courses:detail", args=[catalogue.pk])).status_code == 404


def test_the_catalogue_is_paginated(client, world, courses):
    for _ in range(26):
        cf.CourseFactory(track=courses.track, lead=world.staff, host_offers=[world.nabo])
    client.force_login(world.staff)
    response = client.get(reverse("courses:catalogue"))
    assert "Side 1 af 2" in response.content.decode()


def test_council_members_and_anonymous_users_are_refused(client, world, courses):
    client.force_login(world.council_member)
    assert client.get(reverse("courses:catalogue")).status_code == 403
    client.logout()
    assert client.get(reverse("courses:catalogue")).status_code == 302


def test_an_unknown_filter_value_is_explained_not_an_error(client, world, catalogue):
    client.force_login(world.staff)
    response = client.get(reverse("courses:catalogue"), {"spor": "findes-ikke"})
    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
