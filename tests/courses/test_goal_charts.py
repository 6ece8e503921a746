"""A goal's chart is drawn when a rating is saved and kept until its ratings change, so the citizen
page and the goal page show it without drawing it while someone waits (issue 22)."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from astnet import charts
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(courses):
    enrollment = cf.EnrollmentFactory(course=courses.course, citizen=courses.nabo_citizens[0])
    return cf.GoalFactory(citizen=enrollment.citizen, enrollment=enrollment)


@pytest.fixture
def drawings(monkeypatch):
    """Every chart drawn from here on, by title."""
    drawn = []
    draw = charts._draw

    def counting(figure):
        drawn.append(figure.title)
        return draw(figure)

    monkeypatch.setattr(charts, "_draw", counting)
    return drawn


def _rate(client, goal, score, day):
    response = client.post(
        reverse("courses:goal_rate", args=[goal.pk]),
        {"score": score, "rated_on": day, "note": ""},
    )
    assert response.status_code == 302


def _pages(client, goal):
    return [
        client.get(reverse("courses:goal", args=[goal.pk])).content.decode(),
        client.get(reverse("citizens:detail", args=[goal.citizen_id])).content.decode(),
    ]


def test_saving_a_rating_draws_the_chart_and_the_pages_show_it_without_drawing(
    client, world, goal, drawings, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        _rate(client, goal, "4", "2026-11-20")
    assert len(drawings) == 1

    for page in _pages(client, goal):
        assert page.count("<svg") == 1 and 'role="img"' in page

    assert len(drawings) == 1


def test_a_rating_rolled_back_draws_nothing(client, world, goal, drawings):
    client.force_login(world.staff)
    # Without the commit (the test's transaction never commits), the callback never runs.
    _rate(client, goal, "4", "2026-11-20")

    assert drawings == []


def test_a_chart_kept_for_other_ratings_is_drawn_again_with_the_new_one(
    client, world, goal, drawings, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        _rate(client, goal, "4", "2026-11-20")
    # A rating that did not come through the service (an import, an older release).
    cf.GoalRatingFactory(goal=goal, score=9, rated_on=datetime.date(2026, 11, 27))

    goal_page, citizen_page = _pages(client, goal)

    assert len(drawings) == 2  # the goal page drew it, the citizen page found it kept
    for page in (goal_page, citizen_page):
        svg = page[page.index("<svg") : page.index("</svg>")]
        assert "27. nov" in svg


def test_a_page_in_another_language_draws_its_own_chart(
    client, world, goal, drawings, django_capture_on_commit_callbacks
):
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        _rate(client, goal, "4", "2026-11-20")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("courses:goal", args=[goal.pk])).content.decode()

    assert len(drawings) == 2
    assert drawings[0] != drawings[1]  # the title in Danish, then in English
    assert drawings[1] in page


def test_two_goals_with_the_same_ratings_get_charts_of_their_own(client, world, goal):
    second = cf.GoalFactory(citizen=goal.citizen, enrollment=goal.enrollment)
    for each in (goal, second):
        cf.GoalRatingFactory(goal=each, score=5, rated_on=datetime.date(2026, 11, 20))
    client.force_login(world.staff)

    page = client.get(reverse("citizens:detail", args=[goal.citizen_id])).content.decode()

    ids = re.findall(r'<svg[^>]* id="([^"]+)"', page)
    assert len(ids) == 2 and ids[0] != ids[1]
