"""The whole demo site in one call: what `manage.py seed_demo` runs."""

from astnet.demo import (
    citizens,
    councils,
    courses,
    dashboards,
    mentors,
    offers,
    workshops,
)
from astnet.demo.core import DemoLogin, demo_password, seed_citizens, seed_plan, seed_users


def seed_demo() -> tuple[list[DemoLogin], str]:
    """Seed every app's demo data (idempotent); returns the demo logins and their password."""
    seed_plan()
    password = demo_password()
    logins = seed_users(password)
    seed_citizens()
    councils.seed()
    offers.seed()
    workshops.seed()
    citizens.seed()
    mentors.seed()
    courses.seed()
    dashboards.seed()
    return logins, password
