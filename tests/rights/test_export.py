"""Right of access (art. 15): a complete, readable export as JSON and PDF, audited and scoped."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from astnet.models import AuditEvent
from citizens import cpr
from citizens.models import Course, Enrollment, Goal, GoalRating
from citizens.rights import services as rights_services
from tests import factories as f


def _section(export: dict, model: str) -> dict:
    return next(section for section in export["sections"] if section["model"] == model)


def test_it_exports_visits_talks_and_consents_with_readable_labels(people):
    export = rights_services.export_citizen(people.bente)

    assert export["citizen"]["fields"]["chosen_name"] == "Bente Blomst"
    assert export["citizen"]["fields"]["home_offers"] == "Nabo"
    assert "Bolig" in export["citizen"]["fields"]["challenges"]
    assert len(_section(export, "citizens.visit")["rows"]) == 2
    talk = _section(export, "citizens.expectationtalk")["rows"][0]["fields"]
    assert talk["wishes_and_goals"].startswith("Jeg vil gerne male")
    consents = _section(export, "citizens.consent")["rows"]
    assert {row["fields"]["kind"] for row in consents} >= {
        "Deling med en navngiven samarbejdspartner"
    }


def test_it_never_exports_the_cpr_number_or_its_hash(people, settings):
    number = "0101901234"
    people.bente.cpr_hash = cpr.lookup_hash(number)
    people.bente.cpr_encrypted = cpr.encrypt(number)
    people.bente.save()

    export = rights_services.export_citizen(people.bente)
    text = json.dumps(export, ensure_ascii=False)

    assert export["cpr"]["masked"] == "010190-XXXX"
    assert "registreret" in export["cpr"]["note"]
    assert number not in text and "-1234" not in text
    assert people.bente.cpr_hash not in text


def test_it_includes_courses_goals_and_ratings(people, world):
    track = f.TrackFactory(lead_district=world.amager)
    course = Course.objects.create(
        title="Søvn og hverdag",
        kind=Course.Kind.UNREFERRED,
        track=track,
        lead=world.staff,
        capacity=5,
        start_date="2026-01-05",
    )
    enrollment = Enrollment.objects.create(citizen=people.bente, course=course)
    goal = Goal.objects.create(citizen=people.bente, enrollment=enrollment, text="Sove hele natten")
    GoalRating.objects.create(goal=goal, score=6, note="Bedre i denne uge")

    export = rights_services.export_citizen(people.bente)

    enrollment_row = _section(export, "citizens.enrollment")["rows"][0]
    assert enrollment_row["fields"]["course"] == "Søvn og hverdag"
    goal_row = _section(export, "citizens.goal")["rows"][0]
    assert goal_row["fields"]["text"] == "Sove hele natten"
    ratings = goal_row["sections"][0]
    assert ratings["model"] == "citizens.goalrating"
    assert ratings["rows"][0]["fields"]["note"] == "Bedre i denne uge"


def test_it_includes_audit_events_about_the_citizen(client, world, people):
    client.force_login(world.dpo)
    client.get(reverse("rights:citizen", args=[people.bente.pk]))

    export = rights_services.export_citizen(people.bente)

    assert any(event["action"] == "view" for event in export["audit_events"])


def test_the_dpo_downloads_the_json_and_it_is_audited(client, world, people):
    client.force_login(world.dpo)

    response = client.get(reverse("rights:export_json", args=[people.bente.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["citizen"]["fields"]["chosen_name"] == "Bente Blomst"
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.actor, event.object_type, event.object_id) == (
        world.dpo,
        "citizens.citizen",
        str(people.bente.pk),
    )
    assert "Bente" not in event.detail


def test_the_pdf_is_a4_and_holds_the_chosen_name(client, world, people):
    client.force_login(world.dpo)

    response = client.get(reverse("rights:export_pdf", args=[people.bente.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Bente Blomst" in text
    assert "Fremmøder" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail="pdf").exists()


def test_a_leader_exports_a_citizen_of_their_district(client, world, people):
    client.force_login(world.leader)

    response = client.get(reverse("rights:export_json", args=[people.bente.pk]))

    assert response.status_code == 200


def test_a_leader_gets_404_for_a_citizen_of_another_district(client, world, people):
    client.force_login(world.leader)

    for name in ("rights:export_json", "rights:export_pdf", "rights:citizen", "rights:history"):
        assert client.get(reverse(name, args=[people.omar.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("role", ["staff", "council_member", "peer_mentor", "administration"])
def test_other_roles_cannot_export(client, world, people, role):
    client.force_login(getattr(world, role))

    response = client.get(reverse("rights:export_json", args=[people.bente.pk]))

    assert response.status_code == 403


def test_it_sends_anonymous_visitors_to_login(client, people):
    response = client.get(reverse("rights:export_pdf", args=[people.bente.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _key_paths(value, prefix=""):
    if isinstance(value, dict):
        paths = set()
        for key, child in value.items():
            # Label maps hold readable texts as values; their keys are field names like the rest.
            paths |= {f"{prefix}/{key}"} | _key_paths(child, f"{prefix}/{key}")
        return paths
    if isinstance(value, list):
        return set().union(set(), *(_key_paths(item, f"{prefix}[]") for item in value))
    return set()


def test_the_json_keys_are_the_same_in_danish_and_english(client, world, people):
    from django.utils import translation

    client.force_login(world.dpo)
    client.get(reverse("rights:citizen", args=[people.bente.pk]))
    with translation.override("da"):
        danish = rights_services.export_citizen(people.bente)
    with translation.override("en"):
        english = rights_services.export_citizen(people.bente)

    assert _key_paths(danish) == _key_paths(english)
    assert len(_key_paths(danish)) > 50


def test_date_times_are_iso_8601_with_their_offset(client, world, people):
    import datetime

    client.force_login(world.dpo)
    client.get(reverse("rights:citizen", args=[people.bente.pk]))
    export = rights_services.export_citizen(people.bente)

    for moment in [export["generated_at"], *(e["at"] for e in export["audit_events"])]:
        parsed = datetime.datetime.fromisoformat(moment)
        assert parsed.utcoffset() is not None, moment
    created = export["citizen"]["fields"]["created_at"]
    assert datetime.datetime.fromisoformat(created).utcoffset() is not None


def test_every_exported_field_has_a_danish_label(people):
    from django.apps import apps

    from citizens.rights.values import COMMON_LABELS, has_own_label

    export = rights_services.export_citizen(people.bente)

    def unlabelled(model_label, labels):
        model = apps.get_model(model_label)
        return [
            f"{model_label}.{name}"
            for name in labels
            if not has_own_label(model._meta.get_field(name)) and name not in COMMON_LABELS
        ]

    missing = unlabelled("citizens.citizen", export["citizen"]["labels"])
    sections = list(export["sections"])
    while sections:
        section = sections.pop()
        missing += unlabelled(section["model"], section["labels"])
        sections += [child for row in section["rows"] for child in row["sections"]]
    assert missing == []


def test_the_danish_pdf_has_no_english_labels(client, world, people):
    client.force_login(world.dpo)
    response = client.get(reverse("rights:export_pdf", args=[people.bente.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for english in ("Created at", "Updated at", "Recorded by", "ID\n"):
        assert english not in text
