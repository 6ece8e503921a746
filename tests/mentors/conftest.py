"""The competence centre: Center Nordvest with its leader (the training coordinator), Mamma Mia,
a programme of two required modules and one optional, a cohort with two mentors in training."""

import datetime
from dataclasses import dataclass

import pytest

from astnet.models import Membership, Role
from peers.mentors.models import ModuleAttendance
from tests import factories as f
from tests.mentors import factories as mf


@dataclass
class MentorWorld:
    world: object
    nordvest: object
    mamma_mia: object
    coordinator: object
    programme: object
    modules: list
    cohort: object
    sara: object  # a mentor in training, on the cohort
    omar: object  # another mentor in training, on the cohort
    sara_on_cohort: object
    omar_on_cohort: object


@pytest.fixture
def mentor_world(world) -> MentorWorld:
    nordvest = f.DistrictFactory(name="Center Nordvest", slug="nordvest")
    mamma_mia = f.OfferFactory(name="Mamma Mia", slug="mamma-mia", district=nordvest)
    coordinator = f.member(Role.LEADER, district=nordvest, username="nina", first_name="Nina")
    Membership.objects.create(user=coordinator, role=Role.TRAINING_COORDINATOR)
    programme = mf.TrainingProgrammeFactory(name="Peer-vejlederuddannelsen")
    modules = [
        mf.TrainingModuleFactory(programme=programme, order=1, title="Recovery", required=True),
        mf.TrainingModuleFactory(programme=programme, order=2, title="Samtalen", required=True),
        mf.TrainingModuleFactory(programme=programme, order=3, title="Kunst", required=False),
    ]
    cohort = mf.TrainingCohortFactory(programme=programme, name="Hold 2026")
    sara = mf.PeerMentorFactory(
        user=f.UserFactory(username="sara", first_name="Sara", last_name="Sørensen"),
        district=nordvest,
    )
    omar = mf.PeerMentorFactory(
        user=f.UserFactory(username="omar", first_name="Omar", last_name="Ali"),
        district=world.norrebro,
    )
    return MentorWorld(
        world=world,
        nordvest=nordvest,
        mamma_mia=mamma_mia,
        coordinator=coordinator,
        programme=programme,
        modules=modules,
        cohort=cohort,
        sara=sara,
        omar=omar,
        sara_on_cohort=mf.ParticipationFactory(cohort=cohort, mentor=sara),
        omar_on_cohort=mf.ParticipationFactory(cohort=cohort, mentor=omar),
    )


def attend(participation, module, day: datetime.date, present: bool = True):
    """Record a session of `module` on `day` with `participation` present (or absent)."""
    session, _created = participation.cohort.sessions.get_or_create(module=module, date=day)
    ModuleAttendance.objects.update_or_create(
        session=session, participation=participation, defaults={"present": present}
    )
    return session
