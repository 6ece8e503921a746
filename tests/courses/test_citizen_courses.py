"""The citizen page's part about courses and goals: `courses_for_citizen` and its partial."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from citizens.courses import selectors
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne(world, courses):
    citizen = courses.nabo_citizens[0]
    enrollment = cf.EnrollmentFactory(course=courses.course, citizen=citizen)
    goal = cf.GoalFactory(citizen=citizen, enrollment=enrollment, text="Sove hele natten")
    for day, score in ((1, 3), (8, 5)):
        cf.GoalRatingFactory(goal=goal, score=score, rated_on=datetime.date(2026, 11, day))
    return citizen


def test_it_lists_the_citizens_courses_and_goals_with_their_ratings_in_two_queries(
    world, anne, django_assert_num_queries
):
    # Plus the user's memberships, loaded once per request.
    with django_assert_num_queries(3):
        result = selectors.courses_for_citizen(world.staff, anne)
        assert [e.course.title for e in result.enrollments] == ["Søvn og hverdag"]
        assert [[r.score for r in g.rating_list] for g in result.goals] == [[3, 5]]
        assert [r.rated_on.day for r in result.goals[0].rating_list] == [1, 8]


def test_ratings_come_oldest_first_as_entered_and_a_goal_without_any_has_none(world, courses):
    citizen = courses.nabo_citizens[2]
    rated = cf.GoalFactory(citizen=citizen, text="Med vurderinger")
    cf.GoalFactory(citizen=citizen, text="Uden vurderinger")
    later = cf.GoalRatingFactory(goal=rated, score=7, rated_on=datetime.date(2026, 11, 9))
    first = cf.GoalRatingFactory(goal=rated, score=2, rated_on=datetime.date(2026, 11, 2))
    second = cf.GoalRatingFactory(
        goal=rated, score=4, rated_on=datetime.date(2026, 11, 2), note='<b>"Æble" & ø</b>'
    )
    goals = selectors.courses_for_citizen(world.staff, citizen).goals
    ratings = {goal.text: goal.rating_list for goal in goals}
    assert [(r.pk, r.rated_on, r.score, r.note) for r in ratings["Med vurderinger"]] == [
        (first.pk, first.rated_on, 2, first.note),
        (second.pk, second.rated_on, 4, '<b>"Æble" & ø</b>'),
        (later.pk, later.rated_on, 7, later.note),
    ]
    assert ratings["Uden vurderinger"] == []


def test_other_offers_staff_see_nothing(courses, anne):
    result = selectors.courses_for_citizen(courses.griffen_staff, anne)
    assert (result.enrollments, result.goals) == ([], [])


def test_the_partial_shows_the_chart_with_its_numbers(world, anne):
    request = RequestFactory().get("/")
    request.user = world.staff
    request.csp_nonce = "abc"
    html = render_to_string(
        "citizens/courses/_citizen_courses.html",
        {
            "courses": selectors.courses_for_citizen(world.staff, anne),
            "citizen": anne,
            "can_change": True,
        },
        request=request,
    )
    assert "Søvn og hverdag" in html
    assert '<style nonce="abc"' in html and 'role="img"' in html
    assert "<td>5</td>" in html


def test_a_ratings_table_escapes_notes_and_dashes_a_missing_one(world, courses):
    goal = cf.GoalFactory(citizen=courses.nabo_citizens[1], text="Gå en tur")
    cf.GoalRatingFactory(
        goal=goal, score=7, rated_on=datetime.date(2026, 11, 3), note="<b>Godt</b>"
    )
    cf.GoalRatingFactory(goal=goal, score=8, rated_on=datetime.date(2026, 11, 10), note="")
    html = render_to_string(
        "citizens/courses/_progress.html", {"ratings": list(goal.ratings.order_by("rated_on"))}
    )
    assert "<td>3. nov. 2026</td><td>7</td><td>&lt;b&gt;Godt&lt;/b&gt;</td>" in html
    assert "<td>10. nov. 2026</td><td>8</td><td>–</td>" in html


def test_a_goal_without_ratings_says_so():
    html = render_to_string("citizens/courses/_progress.html", {"ratings": []})
    assert "Ingen vurderinger endnu." in html


def test_every_goals_chart_comes_from_one_cache_read_and_a_goal_without_ratings_has_none(
    world, courses, monkeypatch
):
    from astnet import charts
    from tests.astnet.test_charts import CountingCache

    citizen = courses.nabo_citizens[3]
    for text in ("Første", "Andet", "Tredje"):
        goal = cf.GoalFactory(citizen=citizen, text=text)
        cf.GoalRatingFactory(goal=goal, score=4, rated_on=datetime.date(2026, 11, 2))
    cf.GoalFactory(citizen=citizen, text="Uden vurderinger")
    counting = CountingCache(charts.cache)
    monkeypatch.setattr(charts, "cache", counting)
    goals = {goal.text: goal for goal in selectors.courses_for_citizen(world.staff, citizen).goals}
    assert counting.reads == 1
    assert goals["Uden vurderinger"].chart_svg == ""
    rated = [goals[text] for text in ("Første", "Andet", "Tredje")]
    assert [goal.chart_svg for goal in rated] == [
        selectors.progress_svg(goal, goal.rating_list) for goal in rated
    ]
    assert len({goal.chart_svg for goal in rated}) == 3
