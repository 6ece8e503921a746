"""Staff open the satisfaction survey from the navigation, the citizen answers on the tablet and
hands it back with one tap; every page checked with axe-core (issue 21 part 3)."""

import pytest

from citizens.models import SurveyQuestion, SurveyResponse
from tests.e2e.conftest import log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.e2e


def test_a_citizen_answers_the_survey_and_hands_the_tablet_back(page, world, assert_accessible):
    # Browser tests flush the database between tests, data migrations' rows included.
    SurveyQuestion.objects.get_or_create(text="Følte du dig tryg under samtalen?")
    log_in(page, world.staff.username, TEST_PASSWORD)
    page.wait_for_url("**/hjem/medarbejder/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Tilfredshed").click()
    page.get_by_role("heading", level=1, name="Tilfredshedsundersøgelse").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Efter en samtale – Nabo").click()
    page.get_by_role("heading", level=1, name="Hvad synes du?").wait_for()
    assert_accessible(page)
    page.get_by_role("group", name="Følte du dig tryg under samtalen?").get_by_label(
        "Helt enig"
    ).check()
    page.get_by_role("button", name="Send mine svar").click()
    page.get_by_role("heading", level=1, name="Tak for dine svar").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Tilbage til medarbejderen").click()
    page.get_by_role("heading", level=1, name="I dag på Nabo").wait_for()
    response = SurveyResponse.objects.get()
    assert response.kind == "talk"
    assert list(response.answers.values_list("score", flat=True)) == [5]
