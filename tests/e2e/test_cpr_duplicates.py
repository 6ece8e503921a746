"""Browser journey (issue 16): the data-protection officer finds two records with one CPR number on
the duplicate report and merges them into the one they keep."""

import pytest
from playwright.sync_api import expect

from citizens.models import Citizen
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.rights.test_cpr_duplicates import with_cpr

pytestmark = pytest.mark.e2e


def test_the_dpo_merges_two_records_of_one_person(page, live_server, world, assert_accessible):
    first = with_cpr(f.CitizenFactory(chosen_name="Karin", home_offers=[world.nabo]))
    second = with_cpr(f.CitizenFactory(chosen_name="Karin K.", home_offers=[world.griffen]))

    log_in(page, world.dpo.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="CPR-dubletter"
    ).click()
    table = page.get_by_role("table", name="2 registreringer med samme CPR-nummer")
    expect(table).to_contain_text("Karin K.")
    assert_accessible(page)

    page.get_by_role(
        "button", name=f"Behold Karin (nr. {first.pk}) og læg de andre sammen med den"
    ).click()
    expect(page.get_by_text(f"1 dublet er lagt sammen med borger {first.pk}")).to_be_visible()
    expect(
        page.get_by_text("Ingen borgere er oprettet to gange med samme CPR-nummer.")
    ).to_be_visible()
    assert not Citizen.objects.filter(pk=second.pk).exists()
