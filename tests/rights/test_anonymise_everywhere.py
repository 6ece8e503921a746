"""Anonymisation reaches every place a citizen's data lives (issue 16, part 1): a distinctive fake
name, CPR number and texts in every place the product holds them, then anonymisation (on request
and by the nightly retention job), then a search of the whole database dump (pg_dump on
PostgreSQL) and of the private storage. Visit, course and grant totals stay the same."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from citizens import cpr, services
from citizens.rights import services as rights
from tests import factories as f
from tests.courses import factories as cf
from tests.rights import factories as rf

NAME = "Zyxwortilda Quonkbæk"
CPR = "0707814123"
# Every free text gets its own marker, so a failure names the place that kept it.
MARKERS = {
    place: f"Xyzzy{place}Plugh"
    for place in (
        "Phone",
        "Email",
        "Talk",
        "Outreach",
        "Partner",
        "Stop",
        "MovedOn",
        "Goal",
        "Vum",
        "Rating",
        "Title",
        "Description",
        "Beneficiaries",
        "Criteria",
        "FirstName",
        "Reasoning",
        "FileName",
        "FileContent",
        "OldName",
    )
}


def model(label):
    return apps.get_model(label)


def _everywhere(world):
    """A citizen with data in every place; returns the citizen."""
    today = timezone.localdate()
    old_name = services.citizen_create(
        by=world.staff,
        chosen_name=MARKERS["OldName"],
        home_offers=[world.nabo],
        cpr_number=CPR,
    )
    citizen = services.citizen_update(
        citizen=old_name,
        by=world.staff,
        chosen_name=NAME,
        wants_contact=True,
        phone=MARKERS["Phone"],
        email=f"{MARKERS['Email']}@example.org",
        challenges=["housing"],
    )
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=today)
    rf.TalkFactory(
        citizen=citizen,
        offer=world.nabo,
        staff=world.staff,
        wishes_and_goals=MARKERS["Talk"],
        what_helps=MARKERS["Talk"],
        activities_to_try=MARKERS["Talk"],
    )
    follow_up = rf.FollowUpFactory(citizen=citizen, offer=world.nabo)
    rf.OutreachFactory(
        citizen=citizen, follow_up=follow_up, by=world.staff, note=MARKERS["Outreach"]
    )
    services.consent_give(
        citizen=citizen, kind="partner", by=world.staff, partner_name=MARKERS["Partner"]
    )
    enrollment = cf.EnrollmentFactory(
        citizen=citizen,
        course=cf.CourseFactory(lead=world.staff),
        stop_reason=MARKERS["Stop"],
        moved_on_to_other=MARKERS["MovedOn"],
    )
    goal = cf.GoalFactory(
        citizen=citizen, enrollment=enrollment, text=MARKERS["Goal"], vum_reference=MARKERS["Vum"]
    )
    cf.GoalRatingFactory(goal=goal, note=MARKERS["Rating"])
    application = model("peers.application").objects.create(
        council=world.council,
        applicant_citizen=citizen,
        helped_by=world.staff,
        applicant_first_name=MARKERS["FirstName"],
        publish_first_name=True,
        title=MARKERS["Title"],
        description=MARKERS["Description"],
        amount_ore=150_000,
        starts_on=today,
        beneficiaries=MARKERS["Beneficiaries"],
        criteria_met=MARKERS["Criteria"],
        state="granted",
    )
    model("peers.decision").objects.create(
        application=application,
        outcome="granted",
        granted_amount_ore=150_000,
        budget=model("peers.budget").objects.create(
            council=world.council, year=today.year, amount_ore=1_000_000
        ),
        reasoning=MARKERS["Reasoning"],
    )
    attachment = model("peers.applicationattachment")(
        application=application,
        original_name=f"{MARKERS['FileName']}.pdf",
        content_type="application/pdf",
        size=100,
        uploaded_by=world.staff,
    )
    attachment.file.save(
        f"{MARKERS['FileName']}.pdf",
        ContentFile(f"%PDF-1.4 {MARKERS['FileContent']} {NAME}".encode()),
        save=True,
    )
    return citizen


def _totals():
    return {
        "visits": model("citizens.visit").objects.count(),
        "enrollments": dict(
            model("citizens.enrollment")
            .objects.values_list("course_id")
            .annotate(n=Count("pk"))
            .order_by()
        ),
        "granted": model("peers.decision").objects.aggregate(s=Sum("granted_amount_ore"))["s"],
        "applications": model("peers.application").objects.count(),
    }


def _database_text() -> str:
    """The whole database as text: pg_dump on PostgreSQL, SQLite's own dump otherwise."""
    if connection.vendor == "postgresql":
        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump is not installed")
        settings = connection.settings_dict
        result = subprocess.run(
            [
                "pg_dump",
                "--data-only",
                "-h",
                settings["HOST"] or "127.0.0.1",
                "-p",
                str(settings["PORT"] or 5432),
                "-U",
                settings["USER"],
                settings["NAME"],
            ],
            env={**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""},
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return result.stdout
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump())


def _storage_text(root: Path) -> str:
    return "\n".join(
        f"{path.name}\n{path.read_bytes().decode('utf-8', 'replace')}"
        for path in root.rglob("*")
        if path.is_file()
    )


def _left_behind(text: str, citizen) -> list[str]:
    needles = {"name": NAME, "cpr": CPR, "cpr-dashed": f"{CPR[:6]}-{CPR[6:]}", **MARKERS}
    needles["cpr hash"] = cpr.lookup_hash(CPR)
    # JSON dumps escape non-ASCII letters; look for the ASCII part of the name too.
    needles["name (ascii part)"] = NAME.split()[0]
    return [place for place, needle in needles.items() if needle in text]


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _anonymise_on_request(citizen, world):
    rights.anonymise(citizen, by=world.dpo)


def _anonymise_by_retention(citizen, world):
    far = timezone.localdate() + datetime.timedelta(days=rights.retention_days() + 400)
    assert citizen.pk in rights.anonymise_expired(today=far)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("anonymise", [_anonymise_on_request, _anonymise_by_retention])
def test_nothing_of_the_citizen_remains_anywhere_and_totals_stay(world, private_root, anonymise):
    citizen = _everywhere(world)
    before = _totals()
    assert "name" in _left_behind(_database_text(), citizen)
    assert "FileContent" in _left_behind(_storage_text(private_root), citizen)

    anonymise(citizen, world)

    assert _left_behind(_database_text(), citizen) == []
    assert _left_behind(_storage_text(private_root), citizen) == []
    assert _totals() == before
