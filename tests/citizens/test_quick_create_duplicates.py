"""No duplicate citizens by one tap (issue 19): the roster's quick search shows who exists and
asks before making a second citizen with the same chosen name; no citizen from one letter."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citizens import services
from citizens.models import Citizen, Visit
from tests import factories as f

pytestmark = pytest.mark.django_db


def _create(client, world, name, **extra):
    return client.post(
        reverse("citizens:quick_create", args=[world.nabo.pk]),
        {"chosen_name": name, **extra},
        HTTP_HX_REQUEST="true",
    )


@pytest.fixture
def curt(world):
    return f.CitizenFactory(chosen_name="Curt", home_offers=[world.nabo])


def test_the_search_shows_the_existing_citizen_before_the_create_button(client, world, curt):
    client.force_login(world.staff)

    body = client.get(
        reverse("citizens:today_search", args=[world.nabo.pk]),
        {"q": "Curt"},
        HTTP_HX_REQUEST="true",
    ).content.decode()

    assert body.index(f"search-{curt.pk}") < body.index("Opret ny borger »Curt«")


def test_one_tap_on_create_asks_first_when_the_name_exists_here(client, world, curt):
    client.force_login(world.staff)

    body = _create(client, world, " curt ").content.decode()

    assert Citizen.objects.count() == 1
    assert "Der er allerede en borger med det navn på Nabo" in body
    assert f"same-name-{curt.pk}" in body
    assert "Det er en anden person: opret ny »curt« og tjek ind" in body


def test_after_confirming_a_second_curt_is_created(client, world, curt):
    client.force_login(world.staff)

    _create(client, world, "Curt", confirmed_new="on")

    assert Citizen.objects.filter(chosen_name="Curt").count() == 2
    assert Visit.objects.count() == 1


def test_without_javascript_the_question_is_asked_too(client, world, curt):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:quick_create", args=[world.nabo.pk]), {"chosen_name": "Curt"}
    )

    assert response.status_code == 400
    assert "Der er allerede en borger med det navn på Nabo" in response.content.decode()
    assert Citizen.objects.count() == 1


def test_a_curt_at_another_offer_does_not_hold_up_the_door(client, world):
    f.CitizenFactory(chosen_name="Curt", home_offers=[world.griffen])
    client.force_login(world.staff)

    _create(client, world, "Curt")

    assert Citizen.objects.filter(chosen_name="Curt", home_offers=world.nabo).count() == 1


@pytest.mark.parametrize("name", ["C", " c ", "C.", "1"])
def test_a_one_letter_search_offers_no_citizen(client, world, name):
    client.force_login(world.staff)

    search = client.get(
        reverse("citizens:today_search", args=[world.nabo.pk]), {"q": name}, HTTP_HX_REQUEST="true"
    ).content.decode()
    create = _create(client, world, name).content.decode()

    assert "Opret ny borger" not in search
    assert "Skriv mindst to bogstaver af navnet for at oprette en ny borger." in search
    assert "Skriv mindst to bogstaver af det navn, borgeren vil kaldes." in create
    assert not Citizen.objects.exists()


def test_the_services_refuse_a_one_letter_name_and_a_same_name_without_asking(world, curt):
    with pytest.raises(ValidationError, match="mindst to bogstaver"):
        services.citizen_create(by=world.staff, chosen_name="C", home_offers=[world.nabo])
    with pytest.raises(ValidationError) as refusal:
        services.citizen_arrive(by=world.staff, chosen_name="CURT", offer=world.nabo)
    assert refusal.value.error_dict["chosen_name"][0].code == "same_name"
    assert Citizen.objects.count() == 1


def test_the_full_citizen_form_refuses_a_one_letter_name(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:create"), {"chosen_name": "C", "home_offers": [world.nabo.pk]}
    )

    assert "Skriv mindst to bogstaver af det navn, borgeren vil kaldes." in (
        response.content.decode()
    )
    assert not Citizen.objects.exists()
