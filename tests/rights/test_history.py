"""Rectification (art. 16): every change to a citizen is kept as a revision, and shown."""

import datetime

from django.db.models.signals import m2m_changed, post_save, pre_save
from django.urls import reverse

from astnet.models import Role
from citizens import services
from citizens.models import Citizen, CitizenRevision
from citizens.rights import services as rights_services
from tests import factories as f


def _update(citizen, by, **changes):
    """Change `citizen` through the edit service, as the edit page does."""
    fresh = Citizen.objects.get(pk=citizen.pk)
    return services.citizen_update(citizen=fresh, by=by, **changes)


def test_an_edit_keeps_the_old_and_new_value_and_who_made_it(people, world):
    _update(people.bente, world.staff, chosen_name="Bente B.")

    revision = CitizenRevision.objects.get(citizen=people.bente)
    assert (revision.field_name, revision.old_value, revision.new_value) == (
        "chosen_name",
        "Bente Blomst",
        "Bente B.",
    )
    assert revision.changed_by == world.staff


def test_no_signal_writes_the_history():
    """The history has one writer, the services; a receiver on Citizen would be a second one."""
    assert not pre_save.has_listeners(Citizen)
    assert not post_save.has_listeners(Citizen)
    assert not m2m_changed.has_listeners(Citizen.home_offers.through)


def test_a_plain_save_writes_no_history(people):
    """One writer (issue 15): the service that makes the change, not a signal on every save."""
    people.bente.chosen_name = "Bente B."
    people.bente.save()

    assert not CitizenRevision.objects.exists()


def test_record_changes_takes_plain_values_too(people, world):
    rights_services.record_changes(
        people.bente,
        {"wants_contact": True, "challenges": ["housing"]},
        {"wants_contact": False, "challenges": ["housing", "job"]},
        by=world.staff,
    )

    values = {r.field_name: (r.old_value, r.new_value) for r in CitizenRevision.objects.all()}
    assert values == {"wants_contact": ("Ja", "Nej"), "challenges": ("Bolig", "Bolig, Job")}


def test_a_cpr_change_is_recorded_without_the_number(people, world):
    _update(people.bente, world.staff, cpr_number="0101901234")

    revision = CitizenRevision.objects.get(citizen=people.bente)
    assert (revision.field_name, revision.old_value, revision.new_value) == (
        "cpr",
        "",
        "CPR ændret",
    )
    assert revision.changed_by == world.staff


def test_a_changed_contact_person_and_home_offers_are_one_edit_by_its_maker(people, world):
    _update(people.bente, world.staff, contact_person=None, home_offers=[world.kompasset])

    values = {
        r.field_name: (r.old_value, r.new_value, r.changed_by)
        for r in CitizenRevision.objects.order_by("pk")
    }
    assert values == {
        "contact_person": ("Mette Bruger " + world.staff.last_name.split()[-1], "", world.staff),
        "home_offers": ("Nabo", "Kompasset", world.staff),
    }


def test_a_contact_person_agreed_at_a_talk_is_recorded_with_who_held_it(people, world):
    omar = Citizen.objects.get(pk=people.omar.pk)
    griffen_staff = f.member(Role.STAFF, offer=world.griffen, username="ali", first_name="Ali")

    services.talk_record(
        citizen=omar,
        offer=world.griffen,
        by=griffen_staff,
        contact_person=griffen_staff,
        held_on=datetime.date.today(),
        wishes_and_goals="Komme ud af lejligheden.",
        follow_up_consent_asked=False,
        follow_up_consent_given=False,
        contact_person_agreed=True,
    )

    revision = CitizenRevision.objects.get(citizen=omar)
    assert (revision.field_name, revision.old_value, revision.changed_by) == (
        "contact_person",
        "",
        griffen_staff,
    )


def test_saving_unchanged_writes_nothing(people, world):
    _update(people.bente, world.staff)

    assert not CitizenRevision.objects.exists()


def test_the_history_page_lists_the_changes(client, world, people, django_assert_max_num_queries):
    for year in (1972, 1973, 1974):
        _update(people.bente, world.staff, birth_year=year)
    client.force_login(world.dpo)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("rights:history", args=[people.bente.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("<td>Fødselsår</td>") == 3


def test_the_history_page_refuses_staff(client, world, people):
    client.force_login(world.staff)

    assert client.get(reverse("rights:history", args=[people.bente.pk])).status_code == 403


def test_the_history_is_part_of_the_export(people, world):
    _update(people.bente, world.staff, phone="87654321")

    export = rights_services.export_citizen(people.bente)

    section = next(s for s in export["sections"] if s["model"] == "citizens.citizenrevision")
    assert section["rows"][0]["fields"]["new_value"] == "87654321"
