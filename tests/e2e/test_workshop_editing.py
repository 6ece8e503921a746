"""A leader changes their district's workshop, adds a milestone, deletes a table after confirming and
compares the district's scenarios on a page; axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.workshops import conftest as workshop_fixtures
from tests.workshops.factories import InputFactory, ScenarioFactory, TableFactory
from workshops.models import Milestone, Table

pytestmark = pytest.mark.e2e

ws = workshop_fixtures.ws  # the Amager workshop with two themes and a table


def test_a_leader_edits_a_workshop_and_deletes_a_table(page, world, ws, assert_accessible):
    second = TableFactory(workshop=ws.amager, number=2, name="Det gule bord")
    peer_corps = InputFactory(table=second, theme=ws.peer, text="Peer-korps")
    scenario = ScenarioFactory(process=ws.process, district=world.amager, title="Ét hus")
    scenario.points.create(kind="strength", text="Bred åbningstid")
    scenario.inputs.set([peer_corps])

    log_in(page, world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(f"/workshops/{ws.amager.pk}/")
    page.get_by_role("heading", level=1, name=re.compile("Workshop 1")).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Ret workshop").click()
    page.get_by_role("heading", level=1, name="Ret workshop").wait_for()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Workshop 1: Fremtidens AST på Amager")
    page.get_by_label("Sted").fill("Nabo, Amager")
    page.get_by_role("button", name="Gem workshop").click()
    page.get_by_text("Workshoppen er gemt.").wait_for()
    page.get_by_role("heading", level=1, name=re.compile("Fremtidens AST på Amager")).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Ny milepæl").click()
    page.get_by_role("heading", level=1, name="Ny milepæl").wait_for()
    assert_accessible(page)
    page.get_by_label("Type").select_option(label="Statusnotat til det politiske udvalg")
    page.get_by_label("Titel").fill("Statusnotat")
    page.get_by_label("Dato").fill("2015-10-28")
    page.get_by_role("button", name="Gem milepæl").click()
    page.get_by_text("Milepælen er gemt.").wait_for()
    assert Milestone.objects.get().process == ws.process

    page.get_by_role("link", name="Slet Bord 2: Det gule bord").click()
    page.get_by_role("heading", level=1, name="Slet Bord 2: Det gule bord?").wait_for()
    page.get_by_text("1 input fra bordene").wait_for()
    page.get_by_text("mister 1 input").wait_for()
    assert_accessible(page)
    assert Table.objects.filter(pk=second.pk).exists()
    page.get_by_role("button", name="Ja, slet bordet").click()
    page.get_by_text("Bordet er slettet.").wait_for()
    assert list(Table.objects.filter(workshop=ws.amager)) == [ws.table]
    assert not scenario.inputs.exists()
    assert_accessible(page)

    page.get_by_role("link", name="Syntese og scenarier").click()
    page.get_by_role("link", name="Sammenlign scenarier", exact=True).click()
    page.get_by_role("heading", level=1, name="Scenarier for Center Amager").wait_for()
    page.get_by_role("table", name="Scenarierne side om side").get_by_text(
        "Bred åbningstid"
    ).wait_for()
    expect(page.get_by_role("link", name="Hent sammenligningen som PDF")).to_be_visible()
    assert_accessible(page)
