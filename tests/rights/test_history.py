"""Rectification (art. 16): every change to a citizen is kept as a revision, and shown."""

from django.urls import reverse

from citizens import cpr, rights
from citizens.models import CitizenRevision


def test_a_plain_save_keeps_the_old_and_new_value(people):
    people.bente.chosen_name = "Bente B."
    people.bente.save()

    revision = CitizenRevision.objects.get(citizen=people.bente)
    assert (revision.field_name, revision.old_value, revision.new_value) == (
        "chosen_name",
        "Bente Blomst",
        "Bente B.",
    )
    assert revision.changed_by is None


def test_the_edit_service_names_who_changed_it_without_a_second_revision(people, world):
    before = rights.snapshot(people.bente)
    people.bente.birth_year = 1972
    people.bente.save()

    rights.record_changes(people.bente, before, rights.snapshot(people.bente), by=world.staff)

    revision = CitizenRevision.objects.get(citizen=people.bente)
    assert revision.changed_by == world.staff
    assert (revision.old_value, revision.new_value) == ("1971", "1972")


def test_record_changes_takes_plain_values_too(people, world):
    rights.record_changes(
        people.bente,
        {"wants_contact": True, "challenges": ["housing"]},
        {"wants_contact": False, "challenges": ["housing", "job"]},
        by=world.staff,
    )

    values = {r.field_name: (r.old_value, r.new_value) for r in CitizenRevision.objects.all()}
    assert values == {"wants_contact": ("Ja", "Nej"), "challenges": ("Bolig", "Bolig, Job")}


def test_a_cpr_change_is_recorded_without_the_number(people):
    people.bente.cpr_hash = cpr.lookup_hash("0101901234")
    people.bente.cpr_encrypted = cpr.encrypt("0101901234")
    people.bente.save()

    revision = CitizenRevision.objects.get(citizen=people.bente)
    assert (revision.field_name, revision.old_value, revision.new_value) == (
        "cpr",
        "",
        "CPR ændret",
    )


def test_a_changed_contact_person_and_home_offers_are_kept(people, world):
    people.bente.contact_person = None
    people.bente.save()
    people.bente.home_offers.set([world.kompasset])

    values = [
        (r.field_name, r.old_value, r.new_value) for r in CitizenRevision.objects.order_by("pk")
    ]
    assert values[0] == ("contact_person", "Mette Bruger " + world.staff.last_name.split()[-1], "")
    assert values[1] == ("home_offers", "Nabo", "Kompasset")
    assert len(values) == 2


def test_saving_unchanged_writes_nothing(people):
    people.bente.save()

    assert not CitizenRevision.objects.exists()


def test_the_history_page_lists_the_changes(client, world, people, django_assert_max_num_queries):
    for year in (1972, 1973, 1974):
        people.bente.birth_year = year
        people.bente.save()
    client.force_login(world.dpo)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("rights:history", args=[people.bente.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("<td>Fødselsår</td>") == 3


def test_the_history_page_refuses_staff(client, world, people):
    client.force_login(world.staff)

    assert client.get(reverse("rights:history", args=[people.bente.pk])).status_code == 403


def test_the_history_is_part_of_the_export(people):
    people.bente.phone = "87654321"
    people.bente.save()

    export = rights.export_citizen(people.bente)

    section = next(s for s in export["sections"] if s["model"] == "citizens.citizenrevision")
    assert section["rows"][0]["fields"]["new_value"] == "87654321"
