"""Merging a duplicate citizen (issue 19): staff-led, confirmed, audited, nothing lost."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent
from citizens import merging
from citizens.courses import services as course_services
from citizens.models import Citizen, Consent, FollowUp, Visit
from citizens.rights import services as rights_services
from citizens.services import talk_record
from peers.councils import services as council_services
from tests import factories as f
from tests.citizens.factories import ConsentFactory
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def curts(world):
    """Curt, and Curt again, made by one tap at the door: both regulars at Nabo."""
    keep = f.CitizenFactory(chosen_name="Curt", home_offers=[world.nabo], birth_year=None)
    duplicate = f.CitizenFactory(
        chosen_name="Curt", home_offers=[world.nabo, world.kompasset], birth_year=1970
    )
    return keep, duplicate


def test_every_relation_to_a_citizen_has_a_merge_rule():
    """A new model pointing at citizens must say how it merges, or every merge stops."""
    keys = {relation.key for relation in merging.citizen_relations()}

    assert keys == set(merging.HANDLERS)
    assert "peers.peermentor.citizen" in keys  # found though it has no reverse accessor


def test_a_merge_stops_when_a_relation_has_no_rule(world, curts, monkeypatch):
    monkeypatch.delitem(merging.HANDLERS, "citizens.goal.citizen")
    keep, duplicate = curts

    with pytest.raises(merging.ImproperlyConfigured, match="citizens.goal.citizen"):
        merging.citizen_merge(keep=keep, duplicate=duplicate, by=world.staff)

    assert Citizen.objects.filter(pk=duplicate.pk).exists()


def test_merging_keeps_everything_about_the_person(world, curts):
    keep, duplicate = curts
    f.VisitFactory(citizen=keep, offer=world.nabo, day=_days_ago(1))
    f.VisitFactory(citizen=duplicate, offer=world.nabo, day=_days_ago(1))  # the same visit
    f.VisitFactory(citizen=duplicate, offer=world.nabo, day=_days_ago(30))
    ConsentFactory(citizen=keep)
    ConsentFactory(citizen=duplicate)
    ConsentFactory(citizen=duplicate, kind=Consent.Kind.RELATIVES)
    talk_record(
        citizen=duplicate,
        offer=world.nabo,
        by=world.staff,
        held_on=_days_ago(30),
        wishes_and_goals="Komme ud af lejligheden",
        follow_up_consent_asked=False,
        follow_up_consent_given=False,
    )
    course = cf.CourseFactory(lead=world.staff, host_offers=[world.nabo])
    enrollment = course_services.enrollment_create(
        course=course, citizen=duplicate, by=world.staff, goal_text="Sove bedre"
    )
    budget_year = timezone.localdate().year
    council_services.budget_set(council=world.council, year=budget_year, amount_ore=5_000_00)
    application = council_services.application_create(
        council=world.council,
        by=world.staff,
        applicant_citizen=duplicate,
        applicant_first_name="Curt",
        title="Fisketur",
        description="En dag ved søen.",
        amount_ore=500_00,
        starts_on=timezone.localdate() + datetime.timedelta(days=7),
        beneficiaries="Alle på Nabo",
    )
    FollowUp.objects.create(citizen=keep, offer=world.nabo, opened_on=_days_ago(2))
    FollowUp.objects.create(citizen=duplicate, offer=world.nabo, opened_on=_days_ago(2))
    FollowUp.objects.create(citizen=duplicate, offer=world.kompasset, opened_on=_days_ago(2))

    moved = merging.citizen_merge(keep=keep, duplicate=duplicate, by=world.staff)

    assert not Citizen.objects.filter(pk=duplicate.pk).exists()
    keep.refresh_from_db()
    assert keep.birth_year == 1970
    assert set(keep.home_offers.all()) == {world.nabo, world.kompasset}
    assert sorted(keep.visits.values_list("day", flat=True)) == [_days_ago(30), _days_ago(1)]
    assert keep.consents.count() == 3
    assert keep.consents.filter(kind="follow_up", withdrawn_at__isnull=True).count() == 1
    assert keep.talks.get().wishes_and_goals == "Komme ud af lejligheden"
    enrollment.refresh_from_db()
    assert enrollment.citizen == keep
    assert keep.goals.get().text == "Sove bedre"
    application.refresh_from_db()
    assert application.applicant_citizen == keep
    reasons = sorted(keep.follow_ups.values_list("offer__slug", "close_reason"))
    assert reasons == [("kompasset", ""), ("nabo", ""), ("nabo", "merged")]
    assert moved["citizens.visit.citizen"] == 1
    assert keep.revisions.filter(field_name="birth_year").exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="citizens.citizen", object_id=str(duplicate.pk)
    ).exists()
    merged = AuditEvent.objects.get(
        action="change", object_type="citizens.citizen", detail__startswith="merged"
    )
    assert (merged.object_id, merged.actor) == (str(keep.pk), world.staff)
    assert "Curt" not in merged.detail


def test_two_records_with_different_cpr_numbers_are_not_merged(world, curts):
    keep, duplicate = curts
    from citizens.services import citizen_update

    citizen_update(citizen=keep, by=world.staff, cpr_number="0101701234")
    citizen_update(citizen=duplicate, by=world.staff, cpr_number="0202701234")

    with pytest.raises(ValidationError, match="forskellige CPR-numre"):
        merging.citizen_merge(keep=keep, duplicate=duplicate, by=world.staff)


def test_the_cpr_number_moves_to_the_kept_record(world, curts):
    keep, duplicate = curts
    from citizens.services import citizen_update

    citizen_update(citizen=duplicate, by=world.staff, cpr_number="0101701234")

    merging.citizen_merge(keep=keep, duplicate=duplicate, by=world.staff)

    keep.refresh_from_db()
    assert keep.has_cpr


def test_two_enrolments_on_one_course_must_be_settled_first(world, curts):
    keep, duplicate = curts
    course = cf.CourseFactory(title="Søvn", lead=world.staff, host_offers=[world.nabo])
    for citizen in curts:
        course_services.enrollment_create(course=course, citizen=citizen, by=world.staff)

    with pytest.raises(ValidationError, match="Søvn"):
        merging.citizen_merge(keep=keep, duplicate=duplicate, by=world.staff)
    assert Citizen.objects.filter(pk=duplicate.pk).exists()


def test_an_anonymised_record_is_not_merged(world, curts):
    keep, duplicate = curts
    rights_services.anonymise(duplicate, by=world.dpo)

    assert "anonymiseret" in merging.merge_refusal(keep=keep, duplicate=duplicate)


def test_the_merge_asks_first_and_shows_what_moves(client, world, curts):
    keep, duplicate = curts
    f.VisitFactory(citizen=duplicate, offer=world.nabo, day=_days_ago(3))
    client.force_login(world.staff)

    detail = client.get(reverse("citizens:detail", args=[keep.pk])).content.decode()
    assert reverse("citizens:merge", args=[keep.pk]) in detail
    choose = client.get(reverse("citizens:merge", args=[keep.pk])).content.decode()
    assert f"?dublet={duplicate.pk}" in choose
    confirm = client.get(reverse("citizens:merge", args=[keep.pk]), {"dublet": duplicate.pk})

    assert "Bekræft sammenlægning" in confirm.content.decode()
    assert ("fremmøder", 1) in confirm.context["moves"]
    assert Citizen.objects.filter(pk=duplicate.pk).exists()

    response = client.post(
        reverse("citizens:merge", args=[keep.pk]), {"dublet": duplicate.pk}, follow=True
    )
    assert "er lagt sammen med Curt" in response.content.decode()
    assert not Citizen.objects.filter(pk=duplicate.pk).exists()
    assert Visit.objects.filter(citizen=keep).count() == 1


@pytest.mark.parametrize("who", ["leader", "council_member", "dpo"])
def test_only_staff_merge(client, world, curts, who):
    keep, duplicate = curts
    client.force_login(getattr(world, who))

    response = client.post(reverse("citizens:merge", args=[keep.pk]), {"dublet": duplicate.pk})

    assert response.status_code in (403, 404)
    assert Citizen.objects.filter(pk=duplicate.pk).exists()


def test_staff_of_another_offer_cannot_merge_or_reach_a_duplicate(client, world, curts):
    keep, duplicate = curts
    griffen_curt = f.CitizenFactory(chosen_name="Curt", home_offers=[world.griffen])
    client.force_login(world.staff)

    outside = client.post(reverse("citizens:merge", args=[keep.pk]), {"dublet": griffen_curt.pk})
    choose = client.get(reverse("citizens:merge", args=[keep.pk])).content.decode()

    assert outside.status_code == 404
    assert f"?dublet={griffen_curt.pk}" not in choose
    assert Citizen.objects.filter(pk=griffen_curt.pk).exists()


def test_the_list_of_candidates_costs_the_same_for_many(
    client, world, curts, django_assert_max_num_queries
):
    for _ in range(15):
        f.CitizenFactory(chosen_name="Curt", home_offers=[world.nabo])
    client.force_login(world.staff)

    # +2 for the page's one view audit event (issue 16: the chain reads the last hash, then inserts).
    with django_assert_max_num_queries(14):
        client.get(reverse("citizens:merge", args=[curts[0].pk]))
