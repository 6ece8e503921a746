import datetime

import pytest
from django.core.cache import cache

# A fixed week for the programme: Monday 23 November 2026 (ISO week 48).
MONDAY = datetime.date(2026, 11, 23)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def monday():
    return MONDAY


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rolled-back tests reuse primary keys, so a PDF cached by one test could match another's key."""
    cache.clear()
    yield
    cache.clear()
