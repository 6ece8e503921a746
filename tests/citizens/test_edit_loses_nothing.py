"""Editing loses nothing and names its author (issue 16, part 8)."""

from django.urls import reverse

from citizens.models import Citizen
from citizens.rights.models import CitizenRevision
from tests import factories as f


def test_staff_of_one_offer_keep_the_citizens_other_home_offer(client, world):
    other_staff = f.member("staff", offer=world.griffen, username="gitte")
    citizen = f.CitizenFactory(chosen_name="Bodil", home_offers=[world.nabo, world.griffen])
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:edit", args=[citizen.pk]),
        {"chosen_name": "Bodil B.", "home_offers": [world.nabo.pk], "cpr_number": ""},
    )

    assert response.status_code == 302
    citizen = Citizen.objects.get(pk=citizen.pk)
    assert citizen.chosen_name == "Bodil B."
    assert set(citizen.home_offers.all()) == {world.nabo, world.griffen}
    client.force_login(other_staff)
    assert client.get(reverse("citizens:detail", args=[citizen.pk])).status_code == 200


def test_staff_can_still_remove_their_own_offer(client, world):
    citizen = f.CitizenFactory(home_offers=[world.nabo, world.kompasset, world.griffen])
    client.force_login(world.staff)

    client.post(
        reverse("citizens:edit", args=[citizen.pk]),
        {"chosen_name": citizen.chosen_name, "home_offers": [world.nabo.pk], "cpr_number": ""},
    )

    assert world.griffen in citizen.home_offers.all()


def test_the_history_names_who_set_a_contact_person_in_a_talk(client, world):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    client.force_login(world.staff)

    client.post(
        reverse("citizens:talk_create", args=[citizen.pk]),
        {
            "offer": world.nabo.pk,
            "held_on": "2026-01-05",
            "wishes_and_goals": "Cykle",
            "contact_person_agreed": "on",
            "contact_person": world.staff.pk,
        },
    )

    revision = CitizenRevision.objects.get(citizen=citizen, field_name="contact_person")
    assert revision.changed_by == world.staff
