import datetime

import pytest
from django.urls import reverse

from citizens.models import Goal, GoalRating
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(courses):
    enrollment = cf.EnrollmentFactory(course=courses.course, citizen=courses.nabo_citizens[0])
    return cf.GoalFactory(citizen=enrollment.citizen, enrollment=enrollment)


def _rate(client, goal, score, day="2026-11-20"):
    return client.post(
        reverse("courses:goal_rate", args=[goal.pk]),
        {"score": score, "rated_on": day, "note": "Sov godt i weekenden"},
    )


def test_it_records_a_rating(client, world, goal):
    client.force_login(world.staff)
    assert _rate(client, goal, "7").status_code == 302
    assert GoalRating.objects.get(goal=goal).score == 7


@pytest.mark.parametrize("score", ["0", "11", "syv"])
def test_a_score_outside_1_to_10_is_refused_in_danish(client, world, goal, score):
    client.force_login(world.staff)
    response = _rate(client, goal, score)
    assert response.status_code == 400
    assert "Vurderingen skal være et helt tal fra 1 til 10." in response.content.decode()
    assert not GoalRating.objects.exists()


def test_the_database_refuses_a_score_of_eleven(goal):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        GoalRating.objects.create(goal=goal, score=11, rated_on=datetime.date.today())


def test_the_goal_page_draws_the_progress_as_svg_with_its_numbers_and_no_script(
    client, world, goal
):
    for day, score in ((1, 3), (8, 5), (15, 4)):
        cf.GoalRatingFactory(goal=goal, score=score, rated_on=datetime.date(2026, 11, day))
    client.force_login(world.staff)
    response = client.get(reverse("courses:goal", args=[goal.pk]))
    content = response.content.decode()
    assert "<svg" in content
    assert 'role="img"' in content
    assert "<script>" not in content and "<script " not in content.split("</head>")[1]
    nonce = response.wsgi_request.csp_nonce
    assert f'<style nonce="{nonce}"' in content
    assert "<td>4</td>" in content


def test_staff_of_another_offer_get_404_for_the_goal(client, courses, goal):
    client.force_login(courses.griffen_staff)
    assert client.get(reverse("courses:goal", args=[goal.pk])).status_code == 404
    assert _rate(client, goal, "7").status_code == 404


def test_it_creates_a_goal_for_a_citizen_in_scope(client, world, courses):
    bo = courses.nabo_citizens[1]
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:goal_create", args=[bo.pk]),
        {"text": "Gå en tur hver dag", "vum_reference": "", "enrollment": ""},
    )
    goal = Goal.objects.get(citizen=bo)
    assert response["Location"] == reverse("courses:goal", args=[goal.pk])


def test_a_goal_for_a_citizen_out_of_scope_is_404(client, world, courses):
    client.force_login(world.staff)
    response = client.post(
        reverse("courses:goal_create", args=[courses.griffen_citizen.pk]), {"text": "Noget"}
    )
    assert response.status_code == 404
    assert not Goal.objects.exists()
