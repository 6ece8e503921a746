"""Citizens for the rights tests: Bente at Nabo (Amager) with a full record, and Omar at
Griffenfeldsgade (Nørrebro), outside the Amager leader's district."""

import datetime
from dataclasses import dataclass

import pytest

from citizens.models import Consent
from tests import factories as f
from tests.rights import factories as rf


@dataclass
class People:
    bente: object
    omar: object


@pytest.fixture
def people(world) -> People:
    return make_people(world)


def make_people(world) -> People:
    bente = f.CitizenFactory(
        chosen_name="Bente Blomst",
        birth_year=1971,
        district=world.amager,
        wants_contact=True,
        phone="12345678",
        email="bente@example.org",
        challenges=["housing", "mental_health"],
        contact_person=world.staff,
        home_offers=[world.nabo],
    )
    today = datetime.date.today()
    f.VisitFactory(citizen=bente, offer=world.nabo, day=today)
    f.VisitFactory(citizen=bente, offer=world.nabo, day=today - datetime.timedelta(days=7))
    rf.TalkFactory(citizen=bente, offer=world.nabo, staff=world.staff)
    rf.ConsentFactory(citizen=bente, kind=Consent.Kind.FOLLOW_UP, recorded_by=world.staff)
    rf.ConsentFactory(citizen=bente, kind=Consent.Kind.PARTNER, partner_name="Jobcenter Amager")
    omar = f.CitizenFactory(
        chosen_name="Omar Olsen", district=world.norrebro, home_offers=[world.griffen]
    )
    f.VisitFactory(citizen=omar, offer=world.griffen, day=today)
    return People(bente=bente, omar=omar)
