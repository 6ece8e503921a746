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


def seed_demo(*, progress=None) -> tuple[list[DemoLogin], str]:
    """Seed every app's demo data (idempotent); returns the demo logins and their password.

    `progress`, if given, is called with one Danish line before each step: the whole run takes
    minutes and must not look frozen (issue 17).
    """
    password = demo_password()
    logins: list[DemoLogin] = []

    def users() -> None:
        logins.extend(seed_users(password))

    steps = [
        ("Tilbud, bydele og spor fra planen", seed_plan),
        ("Demobrugere", users),
        ("Borgere og fremmøder", seed_citizens),
        ("Brugerråd", councils.seed),
        ("Aktiviteter og åbningstider", offers.seed),
        ("Workshops", workshops.seed),
        ("Forventningssamtaler og samtykker", citizens.seed),
        ("Peer-vejledere", mentors.seed),
        ("Forløb", courses.seed),
        ("Nøgletal", dashboards.seed),
    ]
    for number, (label, step) in enumerate(steps, start=1):
        if progress is not None:
            progress(f"[{number}/{len(steps)}] {label} …")
        step()
    return logins, password
