"""The yearly target: trained this year against the target, a chart drawn on the server and a table."""

from django.urls import reverse
from django.utils import timezone

from peers.mentors import services
from peers.mentors.models import YearlyTarget
from tests.mentors.conftest import attend


def _certify_both(w):
    today = timezone.localdate()
    for participation in (w.sara_on_cohort, w.omar_on_cohort):
        attend(participation, w.modules[0], today)
        attend(participation, w.modules[1], today)


def test_the_coordinator_sees_trained_against_target_with_a_chart(client, mentor_world):
    w = mentor_world
    year = timezone.localdate().year
    services.yearly_target_set(by=w.coordinator, year=year, target_trained=12)
    _certify_both(w)
    client.force_login(w.coordinator)
    body = client.get(reverse("mentors:target")).content.decode()
    assert f"I {year} er 2 uddannet ud af et mål på 12." in body
    assert "<svg" in body
    assert "<script" not in body.split("<main", 1)[1]
    assert "<td>12</td>" in body


def test_administration_reads_the_aggregate_with_small_counts_hidden(client, mentor_world):
    w = mentor_world
    services.yearly_target_set(by=w.coordinator, year=timezone.localdate().year, target_trained=12)
    _certify_both(w)
    client.force_login(w.world.administration)
    response = client.get(reverse("mentors:target"))
    body = response.content.decode()
    assert "&lt;5" in body
    assert "Sara" not in body
    assert "Sæt årsmål" not in body
    assert (
        client.post(reverse("mentors:target"), {"year": 2030, "target_trained": 1}).status_code
        == 403
    )


def test_the_coordinator_sets_and_changes_a_target(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    client.post(reverse("mentors:target"), {"year": "2027", "target_trained": "12"})
    client.post(reverse("mentors:target"), {"year": "2027", "target_trained": "15"})
    assert YearlyTarget.objects.get(year=2027).target_trained == 15


def test_an_implausible_year_is_refused(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = client.post(reverse("mentors:target"), {"year": "1900", "target_trained": "12"})
    assert "Skriv et årstal mellem 2000 og 2100." in response.content.decode()
    assert not YearlyTarget.objects.exists()


def test_other_leaders_and_staff_are_kept_out(client, mentor_world):
    client.force_login(mentor_world.world.leader)
    assert client.get(reverse("mentors:target"))["Location"] == reverse("mentors:index")
    client.force_login(mentor_world.world.staff)
    assert client.get(reverse("mentors:target")).status_code == 403
