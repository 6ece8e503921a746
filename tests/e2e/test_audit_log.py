"""The data-protection officer finds who looked at a citizen in the audit log, by the citizen's
chosen name, and downloads the filtered rows (issue 16, part 5)."""

import pytest

from astnet.audit import Action, audit_record
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


def test_the_dpo_filters_the_log_by_a_citizens_name_and_exports_it(
    page, live_server, world, assert_accessible
):
    wanted = f.CitizenFactory(chosen_name="Zyxwort", home_offers=[world.nabo])
    other = f.CitizenFactory(chosen_name="Qwerton", home_offers=[world.nabo])
    audit_record(actor=world.staff, action=Action.VIEW, target=wanted)
    audit_record(actor=world.staff, action=Action.VIEW, target=other)

    log_in(page, world.dpo.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Audit-log").click()
    page.get_by_label("Borger (nummer eller kaldenavn)").fill("Zyxwort")
    page.get_by_role("button", name="Vis hændelser").click()

    rows = page.locator("tbody")
    assert f"Borger {wanted.pk} (Zyxwort)" in rows.inner_text()
    assert "Qwerton" not in rows.inner_text()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent de viste hændelser som CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "Zyxwort" in text and "Qwerton" not in text
