"""Browser journeys on the public programme: a visitor finds an activity and its calendar; a staff
member adds a weekly activity and finds it on the programme."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD
from tests.offers.factories import ActivityFactory, OpeningHoursFactory

pytestmark = pytest.mark.e2e


def next_tuesday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)


def test_a_visitor_finds_an_activity_on_amager_next_tuesday_and_its_calendar(
    page, world, assert_accessible
):
    OpeningHoursFactory(offer=world.nabo, weekday=1)
    ActivityFactory(offer=world.nabo, title="Kreativt værksted", weekday=1)
    ActivityFactory(offer=world.griffen, title="Fodbold på Nørrebro", weekday=1)
    tuesday = next_tuesday()
    year, week, _day = tuesday.isocalendar()

    page.goto("/")
    page.get_by_role("link", name="Aktivitetsprogram").click()
    page.wait_for_url("**/program/")
    assert_accessible(page)

    page.get_by_label("Uge", exact=True).fill(f"{year}-W{week:02d}")
    page.get_by_label("Bydel").select_option(label="Center Amager")
    page.get_by_label("Ugedag").select_option(label="tirsdag")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url("**/program/?*bydel=amager*")

    day_heading = page.get_by_role("heading", level=3, name=f"Tirsdag {tuesday.day}.")
    expect(day_heading).to_be_visible()
    expect(page.get_by_role("heading", name="Kreativt værksted")).to_be_visible()
    assert page.get_by_text("Fodbold på Nørrebro").count() == 0
    assert_accessible(page)

    subscribe = page.get_by_role("link", name="Abonnér på kalenderen for Nabo")
    assert subscribe.get_attribute("href").endswith("/tilbud/nabo/kalender.ics")
    assert subscribe.get_attribute("href").startswith("webcal://")
    href = "/tilbud/nabo/kalender.ics"
    expect(page.locator(f'a[href="{href}"][download]').first).to_be_visible()
    feed = page.request.get(href)
    assert feed.ok
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "Kreativt værksted" in feed.text()

    page.get_by_role("link", name="Nabo").first.click()
    page.wait_for_url("**/tilbud/nabo/")
    expect(page.get_by_role("heading", level=1, name="Nabo")).to_be_visible()
    assert_accessible(page)


def test_staff_add_a_weekly_activity_and_see_it_on_the_public_programme(
    page, world, assert_accessible
):
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.get_by_role("link", name="Nabo").first.click()
    page.get_by_role("link", name="Ret åbningstider og aktiviteter").click()
    assert_accessible(page)

    page.get_by_role("link", name="Tilføj aktivitet").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Brætspilscafé")
    page.get_by_label("Slags").select_option(label="Værksted")
    page.get_by_label("Starter kl.").fill("14:00")
    page.get_by_label("Slutter kl.").fill("13:00")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_text("Intet er gemt")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ugedag").select_option(label="torsdag")
    page.get_by_label("Slutter kl.").fill("16:00")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Aktivitet er oprettet.")).to_be_visible()

    page.get_by_role("link", name="Aktivitetsprogram").click()
    page.get_by_label("Bydel").select_option(label="Center Amager")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url("**/program/?*")
    if not page.get_by_role("heading", name="Brætspilscafé").count():
        page.get_by_role("link", name="Næste uge").click()
    expect(page.get_by_role("heading", name="Brætspilscafé")).to_be_visible()
    assert_accessible(page)


def test_a_leader_records_a_move_and_the_omstilling_shows_it_moved(page, world, assert_accessible):
    log_in(page, world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(reverse("offers:staff_offer", args=[world.kompasset.pk]))
    page.get_by_role("link", name="Ret tilbuddet").click()
    assert_accessible(page)

    page.get_by_role("textbox", name=re.compile(r"^Adresse")).fill("Sundholmsvej 8")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Intet er gemt")).to_be_visible()
    expect(page.get_by_text("angiv den dag tilbuddet flytter").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Flyttedato").fill("2017-03-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Tilbuddet er gemt.")).to_be_visible()

    page.get_by_role("link", name="Omstilling").click()
    page.get_by_label("Fra dato").fill("2017-02-01")
    page.get_by_label("Til dato").fill("2017-03-31")
    page.get_by_role("button", name="Vis", exact=True).click()
    page.wait_for_url("**/omstilling/?*til=2017-03-31*")
    expect(page.get_by_role("cell", name="Flyttet 1. mar. 2017", exact=False)).to_be_visible()
    expect(page.get_by_text("til Sundholmsvej 8")).to_be_visible()
    assert_accessible(page)


def test_a_visitor_reads_the_users_councils_grants_on_the_offer_page(
    page, world, assert_accessible
):
    from tests.offers.test_public_grants import budget, grant

    grant(budget(world.council), title="Tur i skoven", amount_ore=2_000_00, applicant=world.staff)

    page.goto(reverse("offers_public:offer_detail", args=["nabo"]))

    expect(page.get_by_role("heading", name="Brugerrådets bevillinger")).to_be_visible()
    expect(page.get_by_text("Tur i skoven")).to_be_visible()
    assert_accessible(page)


def test_a_leader_closes_an_offer_with_a_date_and_confirms_and_the_omstilling_shows_it(
    page, world, assert_accessible
):
    closing_day = timezone.localdate() + datetime.timedelta(days=20)
    log_in(page, world.leader.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/**")
    page.goto(reverse("offers:staff_offer", args=[world.nabo.pk]))
    page.get_by_role("link", name="Luk tilbuddet").click()
    assert_accessible(page)

    page.get_by_role("button", name="Videre").click()
    expect(page.get_by_text("Angiv den dag tilbuddet lukker.").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Lukkedato").fill(closing_day.isoformat())
    page.get_by_label("Erstattes af").select_option(label="Kompasset")
    page.get_by_role("button", name="Videre").click()
    expect(page.get_by_role("heading", name="Bekræft at Nabo lukker")).to_be_visible()
    expect(page.get_by_text("Det erstattes af Kompasset.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Ja, luk tilbuddet").click()
    page.wait_for_url(f"**/omstilling/?dato={closing_day.isoformat()}")
    expect(page.get_by_text("Lukningen er gemt og vises i omstillingen.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(r"^Nabo"))
    expect(row.get_by_role("cell", name="Kompasset")).to_be_visible()
    assert_accessible(page)

    page.goto(reverse("offers_public:offer_detail", args=["nabo"]))
    expect(page.get_by_text("Tilbuddet lukker")).to_be_visible()
    subscribe = page.get_by_role("link", name="Abonnér på tilbuddets kalender")
    assert subscribe.get_attribute("href").startswith("webcal://")
    assert_accessible(page)
