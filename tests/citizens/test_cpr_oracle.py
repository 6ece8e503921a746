"""No CPR oracle (issue 16, part 6): a number held outside the user's scope is not revealed, every
match attempt is audited and rate-limited, and a CPR number never comes back in a form."""

import pytest
from django.urls import reverse

from astnet.models import AuditEvent
from citizens import cpr, services
from citizens.models import Citizen
from tests import factories as f


def _data(world, **changes):
    data = {
        "chosen_name": "Svend",
        "birth_year": "1975",
        "district": world.amager.pk,
        "home_offers": [world.nabo.pk],
        "contact_person": "",
        "phone": "",
        "email": "",
        "cpr_number": "",
    }
    return data | changes


def _held_by(citizen, number):
    citizen.cpr_encrypted = cpr.encrypt(number)
    citizen.cpr_hash = cpr.lookup_hash(number)
    citizen.save()


def test_a_number_held_outside_the_scope_answers_like_an_unknown_one(client, world):
    _held_by(f.CitizenFactory(chosen_name="Åse", home_offers=[world.griffen]), "0202901234")
    client.force_login(world.staff)

    known = client.post(reverse("citizens:create"), _data(world, cpr_number="020290-1234"))
    unknown = client.post(
        reverse("citizens:create"), _data(world, chosen_name="Ib", cpr_number="030390-1234")
    )

    assert known.status_code == unknown.status_code == 302
    assert "Åse" not in known.content.decode()
    assert Citizen.objects.filter(chosen_name="Svend", cpr_hash__isnull=False).exists()


def test_a_number_held_inside_the_scope_is_refused_naming_the_citizen(client, world):
    own = f.CitizenFactory(chosen_name="Bodil", home_offers=[world.nabo])
    _held_by(own, "0101901234")
    client.force_login(world.staff)

    response = client.post(reverse("citizens:create"), _data(world, cpr_number="0101901234"))

    assert response.status_code == 400
    assert f"Bodil (borger nr. {own.pk})" in response.content.decode()
    assert Citizen.objects.count() == 1


def test_the_number_is_not_echoed_back_after_a_validation_error(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:create"), _data(world, chosen_name="", cpr_number="010190-1234")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "010190-1234" not in page and "0101901234" not in page


def test_every_attempt_is_audited_without_the_number(client, world):
    client.force_login(world.staff)
    client.post(reverse("citizens:create"), _data(world, cpr_number="010190-1234"))

    event = AuditEvent.objects.get(action=AuditEvent.Action.CPR_MATCH)
    assert event.actor == world.staff
    assert event.detail == "no match in scope"
    assert not AuditEvent.objects.filter(detail__contains="1234").exists()


def test_attempts_are_limited_per_hour(world):
    for n in range(services.CPR_ATTEMPTS_PER_HOUR):
        services.citizen_cpr_match(by=world.staff, number=f"0101{n % 90 + 10:02d}1234")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="for mange CPR-numre"):
        services.citizen_cpr_match(by=world.staff, number="0101901234")
    assert AuditEvent.objects.filter(detail__startswith="refused").count() == 1
