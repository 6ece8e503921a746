"""One person, one record, without an oracle (issue 16): records that share a CPR number are listed
for the data-protection officer alone, who merges them through the one merge service (audited)."""

import datetime

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from citizens import cpr
from citizens.models import Citizen, Visit
from tests import factories as f

NUMBER = "0101801234"


def with_cpr(citizen, number=NUMBER):
    citizen.cpr_hash, citizen.cpr_encrypted = cpr.lookup_hash(number), cpr.encrypt(number)
    citizen.save(update_fields=["cpr_hash", "cpr_encrypted"])
    return citizen


@pytest.fixture
def twins(world):
    """The same person made twice, once in each district, and two who are not duplicates."""
    first = with_cpr(f.CitizenFactory(chosen_name="Karin", home_offers=[world.nabo]))
    second = with_cpr(f.CitizenFactory(chosen_name="Karin K.", home_offers=[world.griffen]))
    f.VisitFactory(citizen=second, offer=world.griffen, day=datetime.date(2026, 3, 2))
    alone = with_cpr(f.CitizenFactory(chosen_name="Enlig"), "0202801234")
    without = f.CitizenFactory(chosen_name="Uden Cpr")
    return world, first, second, alone, without


def test_the_dpo_sees_records_that_share_a_cpr_number_and_nothing_else(client, twins):
    world, first, second, alone, without = twins
    client.force_login(world.dpo)
    response = client.get(reverse("rights:cpr_duplicates"))
    assert response.status_code == 200
    [group] = response.context["groups"]
    assert [citizen.pk for citizen in group.citizens] == [first.pk, second.pk]
    page = response.content.decode()
    assert "Karin K." in page and "Enlig" not in page and "Uden Cpr" not in page
    # Neither the number nor its hash is printed.
    assert NUMBER not in page and first.cpr_hash not in page
    assert reverse("rights:cpr_duplicates") in client.get(reverse("home_dpo")).content.decode()


@pytest.mark.parametrize("role", ["staff", "leader", "administration"])
def test_no_one_else_may_see_or_merge_them(client, twins, role):
    world, first, second, *_ = twins
    client.force_login(getattr(world, role))
    assert client.get(reverse("rights:cpr_duplicates")).status_code == 403
    assert client.post(reverse("rights:cpr_duplicates"), {"behold": first.pk}).status_code == 403
    assert Citizen.objects.filter(pk=second.pk).exists()


def test_the_dpo_merges_a_group_into_the_record_they_keep_and_it_is_audited(client, twins):
    world, first, second, *_ = twins
    client.force_login(world.dpo)
    response = client.post(reverse("rights:cpr_duplicates"), {"behold": first.pk}, follow=True)
    assert "1 dublet er lagt sammen med borger" in response.content.decode()
    assert not Citizen.objects.filter(pk=second.pk).exists()
    first.refresh_from_db()
    assert set(first.home_offers.values_list("name", flat=True)) == {"Nabo", "Griffenfeldsgade 35"}
    assert Visit.objects.filter(citizen=first, offer=world.griffen).count() == 1
    assert first.cpr_hash == cpr.lookup_hash(NUMBER)
    assert AuditEvent.objects.filter(
        actor=world.dpo, action=AuditEvent.Action.CHANGE, object_id=str(first.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        actor=world.dpo, action=AuditEvent.Action.DELETE, object_id=str(second.pk)
    ).exists()
    assert response.context["groups"] == []


def test_a_record_without_a_duplicate_is_not_merged(client, twins):
    world, first, second, alone, without = twins
    client.force_login(world.dpo)
    for pk in (alone.pk, without.pk, 999999):
        response = client.post(reverse("rights:cpr_duplicates"), {"behold": pk}, follow=True)
        assert "Borgeren har ingen dublet med samme CPR-nummer." in response.content.decode()
    assert Citizen.objects.count() == 4


def test_the_report_reads_a_fixed_number_of_queries(client, twins, django_assert_max_num_queries):
    world, *_ = twins
    client.force_login(world.dpo)
    client.get(reverse("rights:cpr_duplicates"))
    for index in range(5):
        number = f"03038{index}1234"
        for name in ("A", "B", "C"):
            with_cpr(f.CitizenFactory(chosen_name=name, home_offers=[world.nabo]), number)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("rights:cpr_duplicates"))
    assert len(response.context["groups"]) == 6
