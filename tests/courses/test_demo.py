import pytest

from astnet.demo import core as demo
from astnet.demo import courses as courses_demo
from citizens.models import Course, Enrollment, GoalRating

pytestmark = pytest.mark.django_db


def test_the_demo_has_courses_with_a_waiting_list_and_ratings_and_is_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    demo.seed_plan()
    demo.seed_users("Korrekt-Hest-Batteri-42")
    demo.seed_citizens()

    assert courses_demo.seed() == 3
    assert set(Course.objects.values_list("kind", flat=True)) == set(Course.Kind.values)
    assert Enrollment.objects.filter(waiting_position__isnull=False).exists()
    assert GoalRating.objects.exists()
    assert courses_demo.seed() == 0
    assert Course.objects.count() == 3
