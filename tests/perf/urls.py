"""The bench's URLconf: production's, plus the two floors (tests/perf/floors.py). Only
tests/perf/bench_settings.py points at it, so the floors are never reachable in production."""

from django.urls import path

from astnet.urls import urlpatterns as production_urlpatterns
from tests.perf import floors

urlpatterns = [
    path("bench/floor/anonymous", floors.anonymous_floor, name="bench_floor_anonymous"),
    path("bench/floor/staff", floors.staff_floor, name="bench_floor_staff"),
    *production_urlpatterns,
]
