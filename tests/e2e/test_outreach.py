"""Staff book a citizen into a partner's outreach casework hours with consent; the hours show on the
public offer page; every page checked with axe-core (issue 21 part 4)."""

import datetime

import pytest
from django.utils import timezone

from citizens.models import CaseworkHours, CaseworkPartner, Consultation
from tests import factories as f
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


def test_staff_book_outreach_casework_with_consent(page, world, assert_accessible):
    CaseworkHours.objects.create(
        offer=world.nabo,
        partner=CaseworkPartner.objects.get_or_create(name="Jobcentret")[0],
        weekday=1,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    # Browser tests flush the database between tests, data migrations' rows included.
    today = timezone.localdate()
    tuesday = today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)

    page.goto(f"/tilbud/{world.nabo.slug}/")
    page.get_by_role("heading", name="Fremskudt sagsbehandling").wait_for()
    assert_accessible(page)

    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Fremskudt sagsbehandling"
    ).click()
    page.get_by_role("link", name="Book en tid på Nabo").click()
    page.get_by_role("heading", level=1).filter(has_text="Book fremskudt").wait_for()
    assert_accessible(page)
    page.get_by_label("Dato").fill(tuesday.isoformat())
    page.get_by_label("Borger", exact=True).select_option(label="Alma")
    page.get_by_role("button", name="Book tid").click()
    page.get_by_text("Borgeren skal give samtykke").first.wait_for()
    assert not Consultation.objects.exists()

    page.get_by_label("Borgeren har givet samtykke").check()
    page.get_by_role("button", name="Book tid").click()
    page.get_by_text("Tiden er booket.").wait_for()
    assert_accessible(page)
    assert Consultation.objects.get().day == tuesday


def _tuesday_hours(world):
    return CaseworkHours.objects.create(
        offer=world.nabo,
        partner=CaseworkPartner.objects.get_or_create(name="Jobcentret")[0],
        weekday=1,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )


def test_staff_cancel_a_booking_after_confirming_and_the_slot_is_free(
    page, world, assert_accessible
):
    hours = _tuesday_hours(world)
    alma = f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    today = timezone.localdate()
    tuesday = today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)
    Consultation.objects.create(hours=hours, day=tuesday, citizen=alma, consent_given=True)

    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Fremskudt sagsbehandling"
    ).click()
    page.get_by_role("link", name="Kommende bookinger på Nabo").click()
    page.get_by_role("heading", level=1, name="Kommende bookinger på Nabo").wait_for()
    page.get_by_role("cell", name="Alma", exact=True).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Aflys – Alma").click()
    page.get_by_role("heading", level=1, name="Aflys booking").wait_for()
    assert_accessible(page)
    assert Consultation.objects.exists()
    page.get_by_role("button", name="Ja, aflys bookingen").click()
    page.get_by_text("Bookingen er aflyst, og tiden er ledig igen.").wait_for()
    page.get_by_text("Der er ingen kommende bookinger.").wait_for()
    assert_accessible(page)
    assert not Consultation.objects.exists()


def test_the_public_programme_shows_the_weeks_outreach_hours(page, world, assert_accessible):
    _tuesday_hours(world)

    page.goto("/program/")
    section = page.get_by_role("region", name="Fremskudt sagsbehandling i ugen")
    section.wait_for()
    section.get_by_role("heading", name="Jobcentret").wait_for()
    section.get_by_role("link", name="Nabo").wait_for()
    assert_accessible(page)
