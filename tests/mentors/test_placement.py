"""A mentor cannot be placed before certification unless it is a training placement."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from astnet.models import AuditEvent
from peers.mentors import services
from peers.mentors.models import PeerMentor, Placement
from tests.mentors.conftest import attend

START = datetime.date(2026, 4, 1)


def _certify(w, mentor_participation):
    attend(mentor_participation, w.modules[0], datetime.date(2026, 3, 1))
    attend(mentor_participation, w.modules[1], datetime.date(2026, 3, 8))


def _place(w, mentor, training: bool):
    return services.placement_create(
        by=w.coordinator,
        mentor=mentor,
        offer=w.mamma_mia,
        start=START,
        end=None,
        hours_per_week=4,
        is_training_placement=training,
    )


def test_it_refuses_to_place_an_uncertified_mentor(mentor_world):
    with pytest.raises(ValidationError) as refusal:
        _place(mentor_world, mentor_world.sara, training=False)
    assert "ikke certificeret" in str(refusal.value)
    assert not Placement.objects.exists()


def test_it_places_an_uncertified_mentor_in_a_training_placement(mentor_world):
    placement = _place(mentor_world, mentor_world.sara, training=True)
    assert placement.is_training_placement
    mentor_world.sara.refresh_from_db()
    assert mentor_world.sara.status == PeerMentor.Status.IN_TRAINING


def test_it_places_a_certified_mentor_and_makes_them_active(mentor_world):
    w = mentor_world
    _certify(w, w.sara_on_cohort)
    placement = _place(w, w.sara, training=False)
    w.sara.refresh_from_db()
    assert w.sara.status == PeerMentor.Status.ACTIVE
    assert AuditEvent.objects.filter(
        object_type="peers.placement", object_id=str(placement.pk), action="create"
    ).exists()


def _post(client, w, **changes):
    data = {
        "mentor": w.sara.pk,
        "offer": w.mamma_mia.pk,
        "start": "2026-04-01",
        "end": "",
        "hours_per_week": "4",
        **changes,
    }
    return client.post(reverse("mentors:placement_create"), data)


def test_the_form_shows_the_refusal_in_danish_and_saves_nothing(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = _post(client, mentor_world)
    assert response.status_code == 200
    assert "Peer-vejlederen er ikke certificeret endnu" in response.content.decode()
    assert not Placement.objects.exists()


def test_the_coordinator_places_a_certified_mentor(client, mentor_world):
    _certify(mentor_world, mentor_world.sara_on_cohort)
    client.force_login(mentor_world.coordinator)
    response = _post(client, mentor_world)
    assert response.status_code == 302
    assert Placement.objects.get().offer == mentor_world.mamma_mia


def test_zero_hours_is_refused_with_a_message(client, mentor_world):
    client.force_login(mentor_world.coordinator)
    response = _post(client, mentor_world, hours_per_week="0", is_training_placement="on")
    assert "Timer om ugen skal være mere end 0." in response.content.decode()
    assert not Placement.objects.exists()


def test_another_leader_cannot_place(client, mentor_world):
    client.force_login(mentor_world.world.leader)
    response = _post(client, mentor_world, is_training_placement="on")
    assert response.status_code == 302
    assert response["Location"] == reverse("mentors:index")
    assert not Placement.objects.exists()


def test_the_placement_list_costs_the_same_for_many_rows(
    client, mentor_world, django_assert_max_num_queries
):
    for _ in range(3):
        _place(mentor_world, mentor_world.sara, training=True)
    client.force_login(mentor_world.coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("mentors:placements"))
    assert response.content.decode().count("<td>Mamma Mia</td>") == 3


def test_the_coordinator_ends_a_placement(client, mentor_world):
    placement = _place(mentor_world, mentor_world.sara, training=True)
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:placement_end", args=[placement.pk]), {"end": "2026-06-30"}
    )
    assert response["Location"] == reverse("mentors:placements")
    placement.refresh_from_db()
    assert placement.end == datetime.date(2026, 6, 30)


def test_a_placement_cannot_end_before_it_starts(client, mentor_world):
    placement = _place(mentor_world, mentor_world.sara, training=True)
    client.force_login(mentor_world.coordinator)
    response = client.post(
        reverse("mentors:placement_end", args=[placement.pk]), {"end": "2026-03-01"}
    )
    assert "Placeringen skal slutte samme dag som eller efter start." in response.content.decode()
    placement.refresh_from_db()
    assert placement.end is None


def test_another_leader_cannot_end_a_placement(client, mentor_world):
    placement = _place(mentor_world, mentor_world.sara, training=True)
    client.force_login(mentor_world.world.leader)
    response = client.post(
        reverse("mentors:placement_end", args=[placement.pk]), {"end": "2026-06-30"}
    )
    assert response.status_code == 404
