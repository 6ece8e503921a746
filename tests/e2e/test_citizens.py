"""Browser journey at the door of Nabo: check in regulars, count an anonymous visitor, create a
citizen by chosen name and record a forventningssamtale with consent to follow-up."""

import re

import pytest
from playwright.sync_api import expect

from citizens.models import Citizen, Consent, ExpectationTalk, Visit
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


def test_staff_take_attendance_and_record_a_talk(page, world, assert_accessible):
    regulars = [
        f.CitizenFactory(chosen_name=name, home_offers=[world.nabo])
        for name in ("Alma", "Birk", "Cecilie")
    ]
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="I dag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I dag på Nabo")
    assert_accessible(page)

    # Two taps, and the third by keyboard: focus stays on the row's button after the swap.
    for name in ("Alma", "Birk"):
        page.get_by_role("button", name=f"Tjek ind {name}").click()
        expect(page.get_by_role("button", name=f"Fortryd fremmøde for {name}")).to_be_visible()
    page.get_by_role("button", name="Tjek ind Cecilie").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Fortryd fremmøde for Cecilie")).to_be_focused()
    expect(page.locator("#day-counts")).to_contain_text("3 registrerede")

    page.get_by_role("button", name="+ Én mere").click()
    expect(page.locator(".anonymous-count")).to_have_text("1")
    expect(page.locator("#day-counts")).to_contain_text("1 anonym")
    assert_accessible(page)

    # On a tablet at the door.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.get_by_label("Find eller opret borger").fill("Frede")
    page.get_by_role("button", name="Opret ny borger »Frede« og tjek ind").click()
    expect(page.get_by_text("Frede er oprettet og tjekket ind.").first).to_be_visible()
    assert_accessible(page)

    page.locator("#search-results").get_by_role("link", name="Frede").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frede")
    assert_accessible(page)

    page.get_by_role("link", name="Ny forventningssamtale").click()
    expect(page).to_have_title(re.compile("^Ny forventningssamtale"))
    page.get_by_label("Ønsker og mål").fill("Vil gerne lære at spille guitar og møde andre.")
    page.get_by_label("Det hjælper, når det er svært").fill("En gåtur og en rolig snak.")
    page.get_by_label("Spurgt om samtykke til opfølgning").check()
    page.get_by_label("Samtykke til opfølgning givet").check()
    page.get_by_label("Tal med borgeren, næste gang vedkommende kommer").check()
    assert_accessible(page)
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_text("Forventningssamtalen er gemt.")).to_be_visible()
    expect(page.get_by_text("Vil gerne lære at spille guitar og møde andre.")).to_be_visible()
    expect(page.get_by_role("cell", name="Gælder")).to_be_visible()
    assert_accessible(page)

    frede = Citizen.objects.get(chosen_name="Frede")
    assert Visit.objects.filter(offer=world.nabo).count() == 4
    assert {v.citizen for v in Visit.objects.all()} == {*regulars, frede}
    assert ExpectationTalk.objects.get().citizen == frede
    assert Consent.objects.get(citizen=frede).kind == Consent.Kind.FOLLOW_UP


def test_a_failed_request_says_so_in_danish_and_keeps_the_typed_text(page, world):
    f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.goto(f"/borgere/tilbud/{world.nabo.pk}/i-dag/")

    page.route("**/tjek-ind/", lambda route: route.abort())
    page.get_by_role("button", name="Tjek ind Alma").click()

    expect(page.get_by_role("alert")).to_contain_text("Det lykkedes ikke at gemme")
    page.unroute("**/tjek-ind/")

    page.route("**/i-dag/soeg/**", lambda route: route.fulfill(status=500, body="fejl"))
    page.get_by_label("Find eller opret borger").fill("Ing")
    expect(page.get_by_role("alert")).to_contain_text("står der stadig")
    expect(page.get_by_label("Find eller opret borger")).to_have_value("Ing")
    assert not Visit.objects.exists()


def test_the_undo_button_goes_away_after_a_minute(page, world):
    f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    page.clock.install()
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.goto(f"/borgere/tilbud/{world.nabo.pk}/i-dag/")

    page.get_by_role("button", name="Tjek ind Alma").focus()
    page.keyboard.press("Enter")
    undo = page.get_by_role("button", name="Fortryd fremmøde for Alma")
    expect(undo).to_be_focused()
    page.clock.run_for(61_000)

    expect(undo).to_have_count(0)
    expect(page.get_by_role("link", name="Alma")).to_be_focused()
    expect(page.get_by_text("Tjekket ind kl.")).to_be_visible()


def test_an_expired_session_sends_check_in_to_login_and_back_with_nothing_lost(page, world):
    """Issue 17: after the idle half hour, "Tjek ind" must not paste the login page into the row."""
    from django.contrib.sessions.models import Session

    f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    roster = f"/borgere/tilbud/{world.nabo.pk}/i-dag/"
    page.goto(roster)
    page.route("**/i-dag/soeg/**", lambda route: route.abort())  # typing alone sends nothing yet
    page.get_by_label("Find eller opret borger").fill("Ingrid")
    page.unroute("**/i-dag/soeg/**")
    Session.objects.all().delete()  # the 30 idle minutes have passed

    page.get_by_role("button", name="Tjek ind Alma").click()

    page.wait_for_url(re.compile(r"/login/\?next=" + re.escape(roster.replace("/", "%2F")) + "$"))
    assert not Visit.objects.exists()
    page.get_by_label("Brugernavn").fill(world.staff.username)
    page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log ind").last.click()
    page.wait_for_url(f"**{roster}")
    expect(page.get_by_label("Find eller opret borger")).to_have_value("Ingrid")
    expect(page.get_by_role("alert")).to_contain_text("Intet blev gemt")
