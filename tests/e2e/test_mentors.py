"""The peer-mentor journey: Center Nordvest's coordinator creates a cohort, registers two module
sessions, certifies a mentor and places her at Mamma Mia; the mentor logs in and logs a peer meeting."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from astnet.models import Membership, Role
from peers.mentors.models import PeerMeeting, Placement
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.mentors import factories as mf

pytestmark = pytest.mark.e2e


@pytest.fixture
def centre(world):
    nordvest = f.DistrictFactory(name="Center Nordvest", slug="nordvest")
    f.OfferFactory(name="Mamma Mia", slug="mamma-mia", district=nordvest)
    coordinator = f.member(
        Role.LEADER, district=nordvest, username="nina", first_name="Nina", last_name="Nordvest"
    )
    Membership.objects.create(user=coordinator, role=Role.TRAINING_COORDINATOR)
    programme = mf.TrainingProgrammeFactory(name="Peer-vejlederuddannelsen")
    mf.TrainingModuleFactory(programme=programme, order=1, title="Recovery")
    mf.TrainingModuleFactory(programme=programme, order=2, title="Den gode samtale")
    mentor = mf.PeerMentorFactory(
        user=f.UserFactory(username="sara", first_name="Sara", last_name="Sørensen"),
        district=nordvest,
    )
    return coordinator, mentor


def _register_session(page, assert_accessible, module: str, day: datetime.date):
    page.get_by_label("Modul", exact=True).select_option(label=module)
    page.get_by_label("Dato", exact=True).fill(day.isoformat())
    page.get_by_role("button", name="Opret modulgang").click()
    page.wait_for_url("**/peer/modulgang/*/")
    assert_accessible(page)
    page.get_by_role("button", name="Markér til stede Sara Sørensen").click()
    page.get_by_role("button", name="Markér fraværende Sara Sørensen").wait_for()
    page.get_by_role("link", name="Tilbage til holdet").click()


def test_coordinator_trains_and_places_a_mentor_who_logs_a_peer_meeting(
    page, centre, assert_accessible
):
    coordinator, mentor = centre
    today = timezone.localdate()

    log_in(page, coordinator.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Peer-vejledere"
    ).click()
    assert_accessible(page)

    page.get_by_role("link", name="Uddannelseshold og modulgange").click()
    assert_accessible(page)
    page.get_by_role("link", name="Opret hold").click()
    assert_accessible(page)
    page.get_by_label("Uddannelsesprogram", exact=True).select_option(
        label="Peer-vejlederuddannelsen"
    )
    page.get_by_label("Navn", exact=True).fill("Forårsholdet")
    page.get_by_label("Start", exact=True).fill((today - datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Slut", exact=True).fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_label("Pladser", exact=True).fill("12")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/peer/hold/*/")
    expect(page.get_by_role("heading", level=1, name="Forårsholdet")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Peer-vejleder", exact=True).select_option(label="Sara Sørensen")
    page.get_by_role("button", name="Sæt på holdet").click()
    page.get_by_role("row", name="Sara Sørensen").wait_for()

    _register_session(page, assert_accessible, "1. Recovery", today - datetime.timedelta(days=7))
    _register_session(page, assert_accessible, "2. Den gode samtale", today)
    row = page.get_by_role("row", name="Sara Sørensen")
    assert "Ja," in row.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Tilbage til holdene").click()
    page.goto("/peer/")
    page.get_by_role("link", name="Peer-vejledere og certificering").click()
    assert_accessible(page)
    page.get_by_role("link", name="Placér Sara Sørensen").click()
    page.get_by_label("Tilbud", exact=True).select_option(label="Mamma Mia")
    page.get_by_label("Start", exact=True).fill(today.isoformat())
    page.get_by_label("Timer om ugen", exact=True).fill("4")
    assert_accessible(page)
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/peer/placeringer/")
    expect(page.get_by_role("row", name="Sara Sørensen")).to_be_visible()
    assert_accessible(page)
    placement = Placement.objects.get()
    assert placement.offer.name == "Mamma Mia"
    assert not placement.is_training_placement

    page.goto("/peer/")
    page.get_by_role("link", name="Årsmål for uddannede").click()
    expect(page.get_by_role("img", name="Uddannede peer-vejledere pr. år")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log ud").click()
    log_in(page, mentor.user.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/peer-vejleder/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Min uddannelse"
    ).click()
    expect(page.get_by_text("Du blev certificeret")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Registrér et peer-møde").click()
    assert_accessible(page)
    page.get_by_label("Tilbud", exact=True).select_option(label="Mamma Mia")
    page.get_by_label("Antal deltagere", exact=True).fill("7")
    page.get_by_label("Tema", exact=True).fill("Håb og recovery")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/peer/min-uddannelse/")
    expect(page.get_by_text("Peer-mødet er registreret")).to_be_visible()
    expect(page.get_by_role("cell", name="Håb og recovery")).to_be_visible()
    assert_accessible(page)
    meeting = PeerMeeting.objects.get()
    assert meeting.participants == 7
    assert list(meeting.mentors.all()) == [mentor]
