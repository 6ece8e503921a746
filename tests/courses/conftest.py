"""A §85 group course hosted at Nabo, led by Nabo's staff member, with citizens of Nabo."""

from dataclasses import dataclass

import pytest

from astnet.models import Role
from tests import factories as f
from tests.courses import factories as cf


@dataclass
class CourseWorld:
    course: object
    track: object
    nabo_citizens: list
    griffen_citizen: object
    griffen_staff: object
    norrebro_leader: object


@pytest.fixture
def courses(world) -> CourseWorld:
    track = f.TrackFactory(
        name="Livsstilsændringer og sundhed", slug="sundhed", lead_district=world.amager
    )
    course = cf.CourseFactory(
        title="Søvn og hverdag",
        track=track,
        lead=world.staff,
        capacity=3,
        host_offers=[world.nabo],
    )
    return CourseWorld(
        course=course,
        track=track,
        nabo_citizens=[
            f.CitizenFactory(chosen_name=name, home_offers=[world.nabo])
            for name in ("Anne", "Bo", "Camilla", "Dennis", "Emil")
        ],
        griffen_citizen=f.CitizenFactory(chosen_name="Gustav", home_offers=[world.griffen]),
        griffen_staff=f.member(Role.STAFF, offer=world.griffen, username="gitte"),
        norrebro_leader=f.member(Role.LEADER, district=world.norrebro, username="nina"),
    )
