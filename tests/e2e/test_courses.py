"""Staff run a §85 group course: create it with four sessions, enrol three citizens with goals, keep
the register of a session and rate a goal's progress; every page checked with axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from citizens.models import Attendance, Course, Enrollment, GoalRating
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e

NAMES = ("Anne", "Bo", "Camilla")


def test_staff_run_a_s85_group_course_from_creation_to_progress(page, world, assert_accessible):
    f.TrackFactory(name="Livsstilsændringer og sundhed", lead_district=world.amager)
    for name in NAMES:
        f.CitizenFactory(chosen_name=name, home_offers=[world.nabo])
    today = datetime.date.today()

    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Forløb").click()
    page.wait_for_url("**/forloeb/")
    assert_accessible(page)

    page.get_by_role("link", name="Opret forløb").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Søvn, mad og bevægelse")
    page.get_by_label("Type").select_option(label="§85-gruppeforløb")
    page.get_by_label("Fagligt spor").select_option(label="Livsstilsændringer og sundhed")
    page.get_by_label("Nabo", exact=True).check()
    page.get_by_label("Temaer").fill("Søvn\nMad\nBevægelse\nAt sige fra")
    page.get_by_label("Antal pladser").fill("8")
    page.get_by_label("Startdato").fill(today.isoformat())
    page.get_by_label("Slutdato").fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Gem forløb").click()
    page.get_by_role("heading", level=1, name="Søvn, mad og bevægelse").wait_for()
    assert_accessible(page)
    course = Course.objects.get(title="Søvn, mad og bevægelse")
    assert course.kind == Course.Kind.S85_GROUP

    page.get_by_role("link", name="Ny mødegang").click()
    assert_accessible(page)
    for week, theme in enumerate(("Søvn", "Mad", "Bevægelse", "At sige fra")):
        page.get_by_label("Dato").fill((today + datetime.timedelta(days=7 * week)).isoformat())
        page.get_by_label("Klokken").fill("10:00")
        page.get_by_label("Dagens tema").fill(theme)
        button = "Gem og opret en mere" if week < 3 else "Gem mødegang"
        page.get_by_role("button", name=button).click()
        page.get_by_role("status").filter(has_text="er oprettet").wait_for()
    page.get_by_role("heading", level=1, name="Søvn, mad og bevægelse").wait_for()
    assert course.sessions.count() == 4

    page.get_by_role("link", name="Tilmeld borger").click()
    assert_accessible(page)
    for index, name in enumerate(NAMES):
        page.get_by_label("Borger", exact=True).select_option(label=name)
        page.get_by_label("Borgerens mål med forløbet").fill(f"{name} vil sove hele natten")
        page.get_by_label("VUM-reference").fill(f"VUM-mål {index + 1}")
        last = index == len(NAMES) - 1
        button = "Tilmeld" if last else "Tilmeld og tilmeld en mere"
        page.get_by_role("button", name=button, exact=True).click()
        page.get_by_role("status").filter(has_text=f"{name} har fået en plads").wait_for()
    participants = page.get_by_role("table", name="Deltagere med plads og deres mål")
    for name in NAMES:
        expect(participants.get_by_role("rowheader", name=name)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Fremmøde").first.click()
    page.get_by_role("heading", level=1).filter(has_text="Fremmøde").wait_for()
    assert_accessible(page)

    def row(name):
        return page.get_by_role("listitem").filter(has_text=name)

    row("Anne").get_by_role("button", name="Mødt").click()
    row("Bo").get_by_role("button", name="Mødt").click()
    row("Camilla").get_by_role("button", name="Meldt afbud").click()
    page.locator("#register-announcement").filter(has_text="Camilla").wait_for(state="attached")
    assert row("Anne").get_by_role("button", name="Mødt").get_attribute("aria-pressed") == "true"
    assert_accessible(page)
    statuses = dict(
        Attendance.objects.filter(session__course=course).values_list(
            "enrollment__citizen__chosen_name", "status"
        )
    )
    assert statuses == {"Anne": "present", "Bo": "present", "Camilla": "cancelled"}

    page.get_by_role("link", name="Søvn, mad og bevægelse").first.click()
    page.get_by_role("link", name="Anne vil sove hele natten").click()
    page.get_by_role("heading", level=1, name="Mål for Anne").wait_for()
    assert_accessible(page)
    for score in ("3", "6"):
        page.get_by_label("Vurdering (1–10)").fill(score)
        page.get_by_label("Kort note").fill("Sover bedre i weekenden")
        page.get_by_role("button", name="Gem vurdering").click()
        page.get_by_role("status").filter(has_text="Vurderingen er gemt").wait_for()
    expect(page.locator("svg[role=img]")).to_be_visible()
    expect(
        page.get_by_role("table", name="Vurderinger (1–10)").get_by_role(
            "cell", name="6", exact=True
        )
    ).to_be_visible()
    assert_accessible(page)
    anne = Enrollment.objects.get(course=course, citizen__chosen_name="Anne")
    assert list(
        GoalRating.objects.filter(goal__enrollment=anne).values_list("score", flat=True)
    ) == [3, 6]
