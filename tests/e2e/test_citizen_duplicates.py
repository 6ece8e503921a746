"""Browser journey (issue 19): at the door a second "Curt" is not made by one tap; the roster asks
first. A duplicate made anyway is merged from the citizen page after a confirmation page."""

import pytest
from playwright.sync_api import expect

from citizens.models import Citizen, Visit
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


def test_staff_are_asked_before_a_second_curt_and_merge_a_duplicate(page, world, assert_accessible):
    curt = f.CitizenFactory(chosen_name="Curt", home_offers=[world.nabo])
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.goto(f"/borgere/tilbud/{world.nabo.pk}/i-dag/")

    search = page.get_by_label("Find eller opret borger")
    search.fill("C")
    expect(page.get_by_text("Skriv mindst to bogstaver af navnet")).to_be_visible()
    expect(page.get_by_role("button", name="Opret ny borger »C« og tjek ind")).to_have_count(0)

    search.fill("Curt")
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Curt")).to_be_visible()
    results.get_by_role("button", name="Opret ny borger »Curt« og tjek ind").click()
    expect(page.get_by_text("Der er allerede en borger med det navn på Nabo")).to_be_visible()
    assert Citizen.objects.count() == 1
    assert_accessible(page)

    # Staff say it is someone else after all: the second Curt is made and checked in.
    page.get_by_role("button", name="Det er en anden person: opret ny »Curt« og tjek ind").click()
    expect(page.get_by_text("Curt er oprettet og tjekket ind.").first).to_be_visible()
    second = Citizen.objects.exclude(pk=curt.pk).get()

    # It was the same Curt: merge the duplicate into the first record.
    page.goto(f"/borgere/{curt.pk}/")
    page.get_by_role("link", name="Læg dublet sammen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Læg en dublet sammen med Curt")
    assert_accessible(page)
    page.get_by_role("link", name="Vælg som dublet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekræft sammenlægning")
    expect(page.get_by_role("row", name="Fremmøder 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, læg dubletten sammen med Curt").click()

    expect(page.get_by_text("er lagt sammen med Curt. Intet er gået tabt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Curt")
    assert_accessible(page)
    assert not Citizen.objects.filter(pk=second.pk).exists()
    assert Visit.objects.get().citizen == curt
