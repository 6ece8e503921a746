"""Erasure (art. 17): anonymisation clears what points at the person and keeps what is counted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse

from astnet import access
from astnet.models import AuditEvent
from citizens import cpr
from citizens.models import (
    Citizen,
    Consent,
    Course,
    Enrollment,
    ExpectationTalk,
    FollowUp,
    Goal,
    GoalRating,
    Outreach,
    Visit,
)
from citizens.rights import services as rights_services
from citizens.rights.access import rights_citizens
from citizens.rights.models import CitizenPrivacy, CitizenRevision
from peers.models import Application
from tests import factories as f
from tests.rights import factories as rf


def _visits_per_district() -> dict:
    return dict(
        Visit.objects.values_list("offer__district__slug").annotate(n=Count("pk")).order_by()
    )


@pytest.fixture
def full_record(people, world):
    bente = people.bente
    bente.cpr_hash = cpr.lookup_hash("0101901234")
    bente.cpr_encrypted = cpr.encrypt("0101901234")
    bente.save()
    follow_up = rf.FollowUpFactory(citizen=bente, offer=world.nabo)
    rf.OutreachFactory(citizen=bente, follow_up=follow_up, by=world.staff)
    return bente


def test_it_clears_the_personal_fields_and_keeps_the_district(full_record, world):
    rights_services.anonymise(full_record, by=world.dpo)

    bente = Citizen.objects.get(pk=full_record.pk)
    assert bente.chosen_name == "Anonymiseret borger"
    assert (bente.birth_year, bente.contact_person, bente.phone, bente.email) == (
        None,
        None,
        "",
        "",
    )
    assert bente.challenges == []
    assert (bente.cpr_encrypted, bente.cpr_hash) == ("", None)
    assert bente.district == world.amager


def test_it_removes_free_text_but_keeps_the_rows(full_record, world):
    rights_services.anonymise(full_record, by=world.dpo)

    talk = ExpectationTalk.objects.get(citizen=full_record)
    assert (talk.wishes_and_goals, talk.what_helps, talk.activities_to_try) == ("", "", "")
    assert Outreach.objects.get(citizen=full_record).note == ""
    partner = Consent.objects.get(citizen=full_record, kind=Consent.Kind.PARTNER)
    assert partner.partner_name == "Anonymiseret"
    assert not Consent.objects.filter(citizen=full_record, withdrawn_at__isnull=True).exists()
    assert not FollowUp.objects.filter(citizen=full_record, closed_at__isnull=True).exists()
    assert not CitizenRevision.objects.filter(citizen=full_record).exists()


def test_visit_counts_per_district_are_unchanged(full_record, world):
    before = _visits_per_district()

    rights_services.anonymise(full_record, by=world.dpo)

    assert _visits_per_district() == before
    assert Visit.objects.filter(citizen=full_record).count() == 2


def test_it_writes_one_delete_event_without_personal_data(full_record, world):
    rights_services.anonymise(full_record, by=world.dpo)

    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE)
    assert (event.actor, event.object_id, event.detail) == (
        world.dpo,
        str(full_record.pk),
        "anonymised",
    )


def test_it_is_idempotent(full_record, world):
    assert rights_services.anonymise(full_record, by=world.dpo) is True
    assert rights_services.anonymise(full_record, by=world.dpo) is False

    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).count() == 1


def test_a_legal_hold_stops_it(full_record, world):
    rights_services.legal_hold_set(citizen=full_record, hold=True, reason="Klagesag", by=world.dpo)

    with pytest.raises(ValidationError):
        rights_services.anonymise(full_record, by=world.dpo)

    assert Citizen.objects.get(pk=full_record.pk).chosen_name == "Bente Blomst"


def test_the_citizen_is_gone_from_the_staff_lists(full_record, world):
    rights_services.anonymise(full_record, by=world.dpo)

    assert not access.scope(world.staff, Citizen).filter(pk=full_record.pk).exists()
    assert not access.scope(world.leader, Citizen).filter(pk=full_record.pk).exists()
    assert not rights_citizens(world.dpo).filter(pk=full_record.pk).exists()


def test_the_confirmation_page_says_what_goes_and_what_stays(client, world, full_record):
    client.force_login(world.dpo)

    response = client.get(reverse("rights:anonymise", args=[full_record.pk]))

    page = response.content.decode()
    assert "Det bliver fjernet" in page and "Det bliver stående" in page
    assert Citizen.objects.get(pk=full_record.pk).chosen_name == "Bente Blomst"


def test_the_dpo_anonymises_after_confirming(client, world, full_record):
    client.force_login(world.dpo)

    response = client.post(
        reverse("rights:anonymise", args=[full_record.pk]), {"reason": "request"}
    )

    assert response.status_code == 302
    assert CitizenPrivacy.objects.get(citizen=full_record).anonymisation_reason == "request"
    assert client.get(reverse("rights:citizen", args=[full_record.pk])).status_code == 404


def test_without_a_reason_nothing_changes(client, world, full_record):
    client.force_login(world.dpo)

    response = client.post(reverse("rights:anonymise", args=[full_record.pk]), {"reason": ""})

    assert response.status_code == 200
    assert "Vælg, hvorfor borgeren anonymiseres." in response.content.decode()
    assert Citizen.objects.get(pk=full_record.pk).chosen_name == "Bente Blomst"


def test_under_legal_hold_the_page_refuses(client, world, full_record):
    rights_services.legal_hold_set(citizen=full_record, hold=True, reason="Klagesag", by=world.dpo)
    client.force_login(world.dpo)

    response = client.post(
        reverse("rights:anonymise", args=[full_record.pk]), {"reason": "request"}
    )

    assert response.status_code == 200
    assert "retligt forbehold" in response.content.decode()
    assert Citizen.objects.get(pk=full_record.pk).chosen_name == "Bente Blomst"


@pytest.mark.parametrize("role", ["leader", "staff", "administration"])
def test_only_the_dpo_may_anonymise(client, world, full_record, role):
    client.force_login(getattr(world, role))

    response = client.post(
        reverse("rights:anonymise", args=[full_record.pk]), {"reason": "request"}
    )

    assert response.status_code == 403
    assert Citizen.objects.get(pk=full_record.pk).chosen_name == "Bente Blomst"


def test_course_rows_stay_countable_while_their_text_goes(full_record, world):
    track = f.TrackFactory(lead_district=world.amager)
    course = Course.objects.create(
        title="Søvn og hverdag",
        kind=Course.Kind.UNREFERRED,
        track=track,
        lead=world.staff,
        capacity=5,
        start_date=datetime.date(2026, 1, 5),
    )
    enrollment = Enrollment.objects.create(
        citizen=full_record,
        course=course,
        start_date=datetime.date(2026, 1, 5),
        end_date=datetime.date(2026, 2, 1),
        outcome=Enrollment.Outcome.STOPPED_EARLY,
        stop_reason="Flyttede til Jylland for at bo hos sin mor",
    )
    goal = Goal.objects.create(citizen=full_record, enrollment=enrollment, text="Sove hele natten")
    GoalRating.objects.create(goal=goal, score=4, note="Svær uge")

    rights_services.anonymise(full_record, by=world.dpo)

    enrollment.refresh_from_db()
    assert (enrollment.outcome, enrollment.stop_reason) == ("stopped_early", "Anonymiseret")
    goal.refresh_from_db()
    assert goal.text == ""
    assert goal.ratings.get().score == 4 and goal.ratings.get().note == ""


def test_the_first_name_on_a_council_application_goes(full_record, world):
    application = Application.objects.create(
        council=world.council,
        applicant_citizen=full_record,
        applicant_first_name="Bente",
        publish_first_name=True,
        title="Tur til Bakken",
        description="En dag på Bakken for brugerne.",
        amount_ore=150_000,
        starts_on=datetime.date(2026, 6, 1),
        beneficiaries="Alle i Nabo",
    )

    rights_services.anonymise(full_record, by=world.dpo)

    application.refresh_from_db()
    assert (application.applicant_first_name, application.publish_first_name) == (
        "Anonymiseret",
        False,
    )
    # Issue 16: the texts about the person go too; the amount stays for the budget.
    assert application.title == "Anonymiseret"
    assert application.amount_ore == 150_000
