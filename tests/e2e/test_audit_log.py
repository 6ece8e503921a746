"""The data-protection officer finds who looked at a citizen in the audit log, by the citizen's
chosen name, and downloads the filtered rows (issue 16, part 5); a centre leader reads their
district's log and nothing of another district's."""

import pytest
from playwright.sync_api import expect

from astnet.audit import Action, audit_record
from astnet.models import Role
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


def test_a_leader_reads_their_districts_log_without_the_other_districts(
    page, live_server, world, assert_accessible
):
    ours = f.CitizenFactory(chosen_name="Amagerjens", home_offers=[world.nabo])
    theirs = f.CitizenFactory(chosen_name="Qwerton", home_offers=[world.griffen])
    griffen_staff = f.member(Role.STAFF, offer=world.griffen, username="gustav")
    audit_record(actor=world.staff, action=Action.VIEW, target=ours)
    audit_record(actor=griffen_staff, action=Action.CHANGE, target=theirs)

    log_in(page, world.leader.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Audit-log").click()
    expect(page.get_by_text("Hændelserne i din bydel")).to_be_visible()
    rows = page.locator("tbody")
    expect(rows).to_contain_text(f"Borger {ours.pk} (Amagerjens)")
    assert "Qwerton" not in rows.inner_text()
    assert "gustav" not in rows.inner_text()
    assert_accessible(page)

    page.get_by_label("Bruger (brugernavn)").fill("gustav")
    page.get_by_role("button", name="Vis hændelser").click()
    expect(page.get_by_text("0 hændelser")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent de viste hændelser som CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "gustav" not in text and "Qwerton" not in text
