"""A workshop run live: a facilitator types the tables' inputs, two phones dot-vote with the code,
a scenario is drafted from the inputs and the summary PDF downloads; axe-core on every page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.workshops import conftest as workshop_fixtures
from workshops.models import Dot, Input, Scenario

pytestmark = pytest.mark.e2e

ws = workshop_fixtures.ws  # the Amager workshop with two themes and a table

INPUTS = [
    ("Åbningstider", "Bred åbningstid, der afspejler brugernes behov"),
    ("Åbningstider", "Åbent om aftenen og i weekenden"),
    ("Åbningstider", "Fælles spisning sidst på dagen"),
    ("Bruger til bruger", "Etablere et peer-korps"),
    ("Bruger til bruger", "Samtale- og netværksgrupper"),
]


def type_input(page, theme, text):
    page.get_by_label("Tema", exact=True).select_option(label=theme)
    field = page.get_by_label("Input", exact=True)
    field.fill(text)
    field.press("Enter")
    page.get_by_role("status").filter(has_text=f"Gemt: {text}").wait_for()


def vote_from_phone(browser, live_server, code, texts, assert_accessible=None):
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto("/stem/")
    if assert_accessible:
        assert_accessible(phone)
    phone.get_by_label("Kode").fill(code.lower())
    phone.get_by_role("button", name="Gå til afstemningen").click()
    phone.get_by_role("heading", name="Fordel dine prikker").wait_for()
    for text in texts:
        left = phone.locator(".workshop-left").inner_text()
        phone.get_by_role("button", name=f"Giv en prik til: {text}").click()
        phone.locator(".workshop-left").filter(has_not_text=left).wait_for()
    if assert_accessible:
        assert_accessible(phone)
    remaining = phone.locator(".workshop-left").inner_text()
    context.close()
    return remaining


def test_a_workshop_from_the_tables_to_the_summary(
    page,
    browser,
    live_server,
    world,
    ws,
    assert_accessible,
):
    log_in(page, world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("link", name="Workshops").first.click()
    page.wait_for_url("**/workshops/")
    assert_accessible(page)

    page.get_by_role("link", name="Workshop 1").click()
    page.get_by_role("heading", level=1, name=re.compile("Workshop 1")).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Indtast input fra bordene").click()
    page.get_by_role("heading", name="Input fra bordene").wait_for()
    assert_accessible(page)
    page.get_by_label("Bord", exact=True).select_option(label="Bord 1")
    for theme, text in INPUTS:
        type_input(page, theme, text)
        # Keyboard only: the cleared field has the focus again for the next line.
        assert page.evaluate("document.activeElement.name") == "text"
        assert page.get_by_label("Input", exact=True).input_value() == ""
    assert Input.objects.filter(table=ws.table).count() == 5
    assert_accessible(page)

    page.goto(f"/workshops/{ws.amager.pk}/skaerm/")
    page.get_by_text(ws.amager.voting_code, exact=True).wait_for()
    page.get_by_text("Etablere et peer-korps").wait_for()
    assert_accessible(page)

    first = vote_from_phone(
        browser,
        live_server,
        ws.amager.voting_code,
        [INPUTS[3][1], INPUTS[3][1], INPUTS[0][1]],
        assert_accessible,
    )
    second = vote_from_phone(browser, live_server, ws.amager.voting_code, [INPUTS[3][1]])
    assert "0 prikker tilbage" in first and "2 prikker tilbage" in second
    assert sum(dot.count for dot in Dot.objects.all()) == 4

    page.goto(f"/workshops/{ws.amager.pk}/syntese/")
    priority = page.get_by_role("table", name="Prikker pr. input")
    assert priority.get_by_role("row").nth(1).inner_text().startswith("Etablere et peer-korps")
    assert_accessible(page)

    page.get_by_role("link", name="Nyt scenarie").click()
    page.get_by_label("Titel").fill("Ét hus med peer-korps")
    page.get_by_label("Etablere et peer-korps").check()
    page.get_by_label("Bred åbningstid, der afspejler brugernes behov").check()
    page.get_by_label("Styrker").fill("Bred åbningstid\nPeers driver aktiviteter")
    page.get_by_label("Udfordringer").fill("Afstand for nogle brugere")
    assert_accessible(page)
    page.get_by_role("button", name="Gem scenarie").click()
    page.get_by_text("Scenariet er gemt.").wait_for()
    scenario = Scenario.objects.get()
    assert scenario.inputs.count() == 2 and scenario.points.count() == 3
    assert_accessible(page)

    page.goto(f"/workshops/{ws.amager.pk}/syntese/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Opsamling fra bordene (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_projector_shows_big_text_no_navigation_and_a_qr_code_to_the_ballot(
    browser, live_server, world, ws, assert_accessible
):
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": 1920, "height": 1080}
    )
    screen = context.new_page()
    log_in(screen, world.staff.username, TEST_PASSWORD)
    screen.wait_for_url("**/hjem/**")
    screen.goto(reverse("workshops:screen", args=[ws.amager.pk]))
    screen.get_by_role("link", name="Vis i fuld skærm til projektoren").click()
    screen.locator("body.workshop-projector").wait_for()

    assert screen.locator(".site-nav").count() == 0
    assert screen.get_by_text("Logget ind som").count() == 0
    smallest = screen.evaluate(
        """() => Math.min(...[...document.querySelectorAll('main p, main li, main a, main h1, main h2')]
             .filter(el => el.textContent.trim())
             .map(el => parseFloat(getComputedStyle(el).fontSize)))"""
    )
    assert smallest >= 32
    qr = screen.get_by_role("img", name=re.compile(r"QR-kode, der åbner \S+stem\S* med koden"))
    expect(qr).to_be_visible()
    assert_accessible(screen)
    context.close()


def test_a_facilitator_prints_participant_codes_and_a_code_gives_one_ballot(
    page, browser, live_server, world, ws, assert_accessible
):
    """Issue 19: single-use participant codes on a printed sheet; a code is one ballot, also on a
    phone that lost its cookie."""
    from workshops.models import ParticipantCode

    text = "Etablere et peer-korps"
    Input.objects.create(table=ws.table, theme=ws.peer, text=text)
    log_in(page, world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(f"/workshops/{ws.amager.pk}/")
    page.get_by_role("link", name="Afstemning og deltagerkoder").click()
    page.get_by_role("heading", name="Afstemning og deltagerkoder").wait_for()
    assert_accessible(page)
    page.get_by_label("Antal deltagerkoder").fill("2")
    page.get_by_role("button", name="Lav deltagerkoder").click()
    page.get_by_text("2 deltagerkoder er lavet.").wait_for()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Hent ark med deltagerkoder")).click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    code = ParticipantCode.objects.filter(workshop=ws.amager).first().code
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(f"/stem/{ws.amager.voting_code}/")
    phone.get_by_label("Din deltagerkode").wait_for()
    assert_accessible(phone)
    phone.get_by_label("Din deltagerkode").fill(code.lower())
    phone.get_by_role("button", name="Gå til min stemmeseddel").click()
    phone.get_by_text("Du stemmer med din deltagerkode").wait_for()
    for _ in range(3):
        left = phone.locator(".workshop-left").inner_text()
        phone.get_by_role("button", name=f"Giv en prik til: {text}").click()
        phone.locator(".workshop-left").filter(has_not_text=left).wait_for()
    assert_accessible(phone)

    context.clear_cookies()
    phone.goto(f"/stem/{ws.amager.voting_code}/?deltager={code}")
    phone.get_by_text("Du har 0 prikker tilbage.").wait_for()
    context.close()
    assert sum(dot.count for dot in Dot.objects.all()) == 3


def test_a_facilitator_revokes_a_copied_code_and_the_new_code_keeps_the_ballot(
    page, browser, live_server, world, ws, assert_accessible
):
    """Issue 19: a participant code someone else has copied is revoked from the codes page after a
    confirmation; the copier's phone is refused, the new code goes on with the same dots."""
    from workshops import ballots
    from workshops.models import ParticipantCode

    text = "Samtale- og netværksgrupper"
    Input.objects.create(table=ws.table, theme=ws.peer, text=text)
    [code] = ballots.participant_codes_create(by=world.leader, workshop=ws.amager, count=1)
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    copier = context.new_page()
    copier.set_default_timeout(15_000)
    copier.goto(f"/stem/{ws.amager.voting_code}/?deltager={code.code}")
    copier.get_by_role("button", name=f"Giv en prik til: {text}").click()
    copier.get_by_text("Du har 2 prikker tilbage.").wait_for()

    log_in(page, world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(f"/workshops/{ws.amager.pk}/deltagerkoder/")
    page.get_by_label("Deltagerkode, der skal trækkes tilbage").fill(code.code.lower())
    page.get_by_role("button", name="Træk koden tilbage …").click()
    page.get_by_role("heading", name=f"Træk deltagerkoden {code.code} tilbage?").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, træk koden tilbage og lav en ny").click()
    new = ParticipantCode.objects.get(workshop=ws.amager, revoked_at__isnull=True).code
    page.get_by_text(f"Giv deltageren den nye kode {new}").wait_for()
    expect(
        page.get_by_role("img", name=f"QR-kode til stemmesedlen med koden {new}")
    ).to_be_visible()
    assert_accessible(page)

    copier.reload()
    copier.get_by_text("Deltagerkoden er trukket tilbage af facilitatoren").wait_for()
    assert_accessible(copier)
    copier.get_by_label("Din deltagerkode").fill(new)
    copier.get_by_role("button", name="Gå til min stemmeseddel").click()
    copier.get_by_text("Du har 2 prikker tilbage.").wait_for()
    context.close()
    assert sum(dot.count for dot in Dot.objects.all()) == 1
