"""The council journey: staff apply for a citizen, three members vote on their phones, the grant is
published, and the minutes download as a PDF."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peers.models import Application
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.peers import conftest as peers_conftest

pytestmark = pytest.mark.e2e

# The council with three members and a budget, shared with tests/peers.
council_world = peers_conftest.council_world

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def phone_page(browser, live_server):
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_an_application_is_voted_granted_published_and_minuted(
    page, browser, live_server, council_world, assert_accessible
):
    council = council_world.council
    page.set_viewport_size(DESKTOP)
    log_in(page, council_world.world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(f"/raad/{council.pk}/")
    page.get_by_role("link", name="Søg om penge til en aktivitet").click()
    assert_accessible(page)
    page.get_by_label("Borger der søger").select_option(label="Karin Hansen")
    page.get_by_label("Hvad vil I lave?").fill("Kanotur på Furesøen")
    page.get_by_label("Beskriv aktiviteten").fill("Leje af kanoer og madpakker til otte.")
    page.get_by_label("Beløb i kroner").fill("2.400")
    page.get_by_label("Dato", exact=True).fill(
        (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    )
    page.get_by_label("Hvem får glæde af det?").fill("Brugerne af Nabo")
    page.get_by_text("Ansøgerens fornavn må vises").click()
    page.get_by_role("button", name="Send ansøgningen").click()
    page.get_by_role("heading", name="Tak, ansøgningen er sendt").wait_for()
    expect(page.get_by_text("2.400,00 kr.")).to_be_visible()
    assert_accessible(page)

    voters = [council_world.chair, council_world.bo, council_world.sanne]
    phones = []
    for voter in voters:
        phone = phone_page(browser, live_server)
        log_in(phone, voter.username, TEST_PASSWORD)
        phone.wait_for_url("**/hjem/**")
        phone.goto("/raad/")
        phone.wait_for_url(f"**/raad/{council.pk}/")
        phones.append(phone)

    chair_phone = phones[0]
    chair_phone.get_by_text("Start afstemning").first.click()
    chair_phone.get_by_role("button", name="Start afstemning").click()
    chair_phone.get_by_text("Afstemningen er startet.").wait_for()
    assert_accessible(chair_phone)

    for phone in phones:
        phone.reload()
        phone.get_by_role("button", name="Ja", exact=True).click()
        phone.get_by_text("Din stemme").wait_for()
    assert_accessible(phones[1])
    phones[-1].get_by_text("Afstemningen er slut: Bevilget.").wait_for()
    # The deciding vote swaps in the new budget and the decision without a reload (issue 19).
    phones[-1].locator(f"#budget-{council.pk}").get_by_text("7.600,00 kr.").wait_for()
    phones[-1].locator(f"#decisions-{council.pk}").get_by_text("Kanotur på Furesøen").wait_for()
    expect(phones[1].get_by_text(re.compile(r"Kvittering [A-Z0-9]{4}-[A-Z0-9]{4}"))).to_be_visible()
    assert Application.objects.get().state == Application.State.GRANTED
    assert_accessible(phones[-1])

    page.context.clear_cookies()
    page.goto(f"/raad/{council.pk}/offentlig/")
    expect(page.get_by_text("Kanotur på Furesøen")).to_be_visible()
    expect(page.get_by_text("søgt af Karin")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_accessible(page)

    chair_phone.goto(f"/raad/{council.pk}/")
    chair_phone.get_by_role("link", name="Skriv referat af et møde").click()
    assert_accessible(chair_phone)
    for voter in voters:
        chair_phone.get_by_label(voter.get_full_name(), exact=False).check()
    chair_phone.get_by_role("button", name="Gem mødet").click()
    chair_phone.get_by_role("link", name="Hent referatet som PDF").wait_for()
    expect(chair_phone.get_by_text("Kanotur på Furesøen")).to_be_visible()
    assert_accessible(chair_phone)
    with chair_phone.expect_download() as download_info:
        chair_phone.get_by_role("link", name="Hent referatet som PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("referat-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    for phone in phones:
        phone.context.close()


def test_administration_sees_budget_totals_and_a_leader_the_district_councils(
    page, council_world, assert_accessible
):
    log_in(page, council_world.world.administration.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("link", name="Rådsbudgetter").click()
    expect(page.get_by_role("row", name="Brugerrådet i Nabo")).to_be_visible()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, council_world.world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("link", name="Brugerråd", exact=True).click()
    page.get_by_role("link", name="Brugerrådet i Nabo").click()
    expect(page.get_by_text("Tilbage: 10.000,00 kr.")).to_be_visible()
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert_accessible(page)
