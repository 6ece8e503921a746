"""The whole demo site in one call: what `manage.py seed_demo` runs, for Copenhagen (the default)
or Haderslev (issue 21)."""

from astnet.demo import (
    citizens,
    councils,
    courses,
    dashboards,
    haderslev,
    mentors,
    offers,
    workshops,
)
from astnet.demo.core import (
    COPENHAGEN,
    DemoLogin,
    demo_password,
    seed_citizens,
    seed_plan,
    seed_users,
)
from astnet.models import Municipality

MUNICIPALITIES = ["copenhagen", "haderslev"]


class AnotherMunicipalitysDemo(Exception):
    """The database already holds another municipality's record: the demos do not mix."""


def _refuse_mixing(name: str) -> None:
    existing = Municipality.objects.filter(pk=1).values_list("name", flat=True).first()
    if existing and existing != name:
        raise AnotherMunicipalitysDemo(existing)


def seed_demo(municipality: str = "copenhagen", *, progress=None) -> tuple[list[DemoLogin], str]:
    """Seed every app's demo data for `municipality` (one of MUNICIPALITIES; idempotent); returns
    the demo logins and their password. Raises AnotherMunicipalitysDemo when the database holds
    another municipality.

    `progress`, if given, is called with one Danish line before each step: the whole run takes
    minutes and must not look frozen (issue 17).
    """
    words = haderslev.WORDS if municipality == "haderslev" else COPENHAGEN
    _refuse_mixing(words["name"])
    if municipality == "haderslev":
        return haderslev.seed()
    Municipality.objects.update_or_create(pk=1, defaults=COPENHAGEN)
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
