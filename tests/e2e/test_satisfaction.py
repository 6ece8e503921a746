"""Staff open the satisfaction survey from the navigation, the citizen answers on the tablet and
hands it back with one tap; every page checked with axe-core (issue 21 part 3)."""

import pytest
from django.utils import timezone

from citizens.models import SurveyAnswer, SurveyQuestion, SurveyResponse
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


def test_a_leader_reads_satisfaction_where_known_on_the_dashboard(page, world, assert_accessible):
    question, _created = SurveyQuestion.objects.get_or_create(
        text="Følte du dig tryg under samtalen?"
    )
    today = timezone.localdate()
    for score in (5, 5, 4, 4, 2, 5):
        response = SurveyResponse.objects.create(offer=world.nabo, day=today, kind="talk")
        SurveyAnswer.objects.create(response=response, question=question, score=score)

    log_in(page, world.leader.username, TEST_PASSWORD)
    page.goto(f"/dashboard/bydel/{world.amager.pk}/")
    summary = page.get_by_role("region", name="Kort fortalt")
    summary.get_by_text("Tilfredshed: positive svar (%)").wait_for()
    summary.get_by_text("83,3").wait_for()
    assert_accessible(page)

    page.get_by_role("heading", name="Tilfredshed pr. tilbud").click()
    table = page.get_by_role("table", name="Tilfredshed pr. tilbud")
    table.get_by_role("row", name="Nabo").get_by_role("cell", name="83,3").first.wait_for()
    assert_accessible(page)
