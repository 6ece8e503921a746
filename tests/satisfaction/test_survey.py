"""Satisfaction survey (issue 21 part 3): anonymous tablet answers, questions as data, refused roles,
and the dashboard's share hidden behind fewer than five responses."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from astnet.figures import Period
from astnet.models import Role
from citizens.models import Citizen, SurveyAnswer, SurveyQuestion, SurveyResponse
from citizens.satisfaction import selectors, services


def _survey_url(offer, kind="talk"):
    return reverse("citizens:satisfaction_survey", args=[offer.pk, kind])


def _all_positive():
    return {q.pk: 5 for q in SurveyQuestion.objects.filter(active=True)}


def test_haderslevs_five_questions_are_the_default(db):
    texts = list(SurveyQuestion.objects.filter(active=True).values_list("text", flat=True))
    assert len(texts) == 5
    assert texts[1] == "Følte du dig tryg under samtalen?"


def test_a_response_keeps_no_link_to_a_citizen_or_a_time():
    fields = {field.name for field in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "offer", "day", "kind", "answers"}
    assert not any(field.related_model is Citizen for field in SurveyAnswer._meta.get_fields())


def test_the_citizen_answers_and_the_tablet_goes_back_with_one_tap(client, world):
    client.force_login(world.staff)
    questions = list(SurveyQuestion.objects.filter(active=True))

    page = client.get(_survey_url(world.nabo))
    assert page.status_code == 200
    assert questions[0].text in page.content.decode()
    assert "Helt enig" in page.content.decode()

    response = client.post(
        _survey_url(world.nabo), {f"q{questions[0].pk}": "5", f"q{questions[1].pk}": "2"}
    )

    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.offer, saved.kind, saved.day) == (world.nabo, "talk", timezone.localdate())
    assert sorted(saved.answers.values_list("score", flat=True)) == [2, 5]
    thanks = client.get(response.url)
    assert reverse("citizens:today", args=[world.nabo.pk]) in thanks.content.decode()


def test_an_empty_survey_is_refused_in_danish_and_nothing_is_saved(client, world):
    client.force_login(world.staff)

    response = client.post(_survey_url(world.nabo, "yearly"), {})

    assert response.status_code == 200
    assert "Svar på mindst ét spørgsmål." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_new_question_in_admin_is_asked_without_a_code_change(client, world):
    SurveyQuestion.objects.create(text="Vil du komme igen?", position=9)
    client.force_login(world.staff)

    assert "Vil du komme igen?" in client.get(_survey_url(world.nabo)).content.decode()


@pytest.mark.parametrize(
    "role",
    [
        Role.LEADER,
        Role.COUNCIL_MEMBER,
        Role.PEER_MENTOR,
        Role.ADMINISTRATION,
        Role.DATA_PROTECTION_OFFICER,
    ],
)
def test_other_roles_are_refused(client, world, role):
    client.force_login(world.persona(role))

    assert client.get(reverse("citizens:satisfaction_start")).status_code == 403
    assert client.post(_survey_url(world.nabo), _all_positive()).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_staff_cannot_open_a_survey_for_another_offer(client, world):
    client.force_login(world.staff)

    assert client.get(_survey_url(world.griffen)).status_code == 404
    assert client.get(_survey_url(world.nabo, "unknown")).status_code == 404


def test_staff_reach_the_survey_from_the_navigation_and_the_today_page(client, world):
    client.force_login(world.staff)

    start = client.get(reverse("citizens:satisfaction_start")).content.decode()
    today = client.get(reverse("citizens:today", args=[world.nabo.pk])).content.decode()

    assert reverse("citizens:satisfaction_start") in start
    assert _survey_url(world.nabo, "yearly") in start
    assert _survey_url(world.nabo) in today


def test_a_score_off_the_scale_is_refused(world):
    question = SurveyQuestion.objects.first()
    with pytest.raises(ValidationError):
        services.response_record(offer=world.nabo, kind="talk", scores={question.pk: 6})
    response = SurveyResponse.objects.create(
        offer=world.nabo, day=timezone.localdate(), kind="talk"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyAnswer.objects.create(response=response, question=question, score=0)


def test_no_share_is_shown_behind_fewer_than_five_responses(world):
    for _ in range(4):
        services.response_record(offer=world.nabo, kind="talk", scores=_all_positive())
    for _ in range(5):
        services.response_record(offer=world.kompasset, kind="talk", scores={1: 5, 2: 1})
    today = timezone.localdate()
    period = Period(today - datetime.timedelta(days=30), today)

    rows = {
        row.name: row for row in selectors.satisfaction_per_offer(world.amager.offers.all(), period)
    }

    assert rows["Nabo"].responses.display == "<5"
    assert rows["Nabo"].positive_share is None
    assert rows["Kompasset"].responses.display == "5"
    assert rows["Kompasset"].positive_share == 50.0


def test_the_district_dashboard_shows_satisfaction(client, world):
    for _ in range(5):
        services.response_record(offer=world.nabo, kind="yearly", scores=_all_positive())
    client.force_login(world.leader)

    body = client.get(reverse("dashboards:home"), follow=True).content.decode()

    assert "Tilfredshed pr. tilbud" in body
    assert "100,0" in body
