"""The district leader manages a council: adds a member, sets the budget and the rules; the new
member then sees the budget bar. A decision taken by vote is added to a meeting's minutes by hand."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peers.councils import voting
from peers.models import Decision
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.peers import conftest as peers_conftest
from tests.peers.factories import application_in_vote

pytestmark = pytest.mark.e2e

council_world = peers_conftest.council_world

PHONE = {"width": 375, "height": 740}


def test_a_leader_adds_a_member_and_sets_the_budget_and_the_member_sees_it(
    page, council_world, assert_accessible
):
    f.UserFactory(username="nina", first_name="Nina", last_name="Holm")
    log_in(page, council_world.world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.get_by_role("link", name="Brugerråd", exact=True).click()
    page.get_by_role("link", name="Brugerrådet i Nabo").click()
    assert_accessible(page)

    page.get_by_role("link", name="Medlemmer og valgperioder").click()
    assert_accessible(page)
    page.get_by_role("link", name="Afslut perioden for Bo").click()
    page.get_by_role("heading", name="Afslut perioden for Bo").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Nej, fortryd").click()

    page.get_by_role("link", name="Tilføj et medlem").click()
    page.get_by_label("Brugernavn").fill("nina")
    page.get_by_label("Rolle").select_option(label="Medlem")
    page.get_by_label("Valgt til").fill(timezone.localdate().isoformat())
    page.get_by_label("Valgt fra").fill(
        (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    )
    page.get_by_role("button", name="Tilføj medlemmet").click()
    page.get_by_text("Periodens slutdato skal ligge efter startdatoen.").wait_for()
    assert_accessible(page)
    page.get_by_label("Valgt fra").fill(timezone.localdate().isoformat())
    page.get_by_label("Valgt til").fill("")
    page.get_by_role("button", name="Tilføj medlemmet").click()
    page.get_by_text("Nina Holm har nu en plads i rådet som medlem.").wait_for()
    expect(page.get_by_role("row", name="Nina Holm")).to_be_visible()

    page.get_by_role("link", name="Tilbage til Brugerrådet i Nabo").click()
    page.get_by_role("link", name="Rådets budget").click()
    assert_accessible(page)
    page.get_by_label("Budget i kroner").fill("25.000")
    page.get_by_role("button", name="Gem budgettet").click()
    page.get_by_text(f"Nyt budget for {timezone.localdate().year}: 25.000,00 kr.").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Tilbage til Brugerrådet i Nabo").click()
    page.get_by_role("link", name="Rådets regler for afstemninger").click()
    assert_accessible(page)
    page.get_by_label("Dage til at stemme").fill("10")
    page.get_by_role("button", name="Gem reglerne").click()
    page.get_by_text("Rådets regler er gemt.").wait_for()

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, "nina", TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto("/raad/")
    page.wait_for_url(f"**/raad/{council_world.council.pk}/")
    expect(page.get_by_text("Tilbage: 25.000,00 kr.")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    assert page.get_by_role("link", name="Medlemmer og valgperioder").count() == 0
    assert_accessible(page)


def test_a_decision_by_vote_is_added_to_a_meeting_by_hand(page, council_world, assert_accessible):
    meeting = voting.meeting_create(
        council=council_world.council,
        date=timezone.localdate() - datetime.timedelta(days=1),
        by=council_world.chair,
    )
    application = application_in_vote(council_world, title="Kanotur")
    for voter in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=voter, choice="yes")

    log_in(page, council_world.chair.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(f"/raad/moede/{meeting.pk}/")
    page.get_by_role("button", name="Tilføj til referatet").click()
    page.get_by_text("Vælg mindst én beslutning.").wait_for()
    assert_accessible(page)
    page.get_by_label("Kanotur · Bevilget", exact=False).check()
    page.get_by_role("button", name="Tilføj til referatet").click()
    page.get_by_text("1 beslutning står nu i mødets referat.").wait_for()
    expect(page.get_by_role("cell", name="Kanotur")).to_be_visible()
    assert_accessible(page)
    assert Decision.objects.get(application=application).meeting_id == meeting.pk
