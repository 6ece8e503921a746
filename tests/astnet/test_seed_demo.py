import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from astnet.demo import plan_2016
from astnet.models import Membership, Role
from citizens.models import Citizen, Visit
from offers.models import District, Offer, Track


def test_seed_demo_builds_the_plan_and_a_login_per_role(db, capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    out = capsys.readouterr().out

    assert District.objects.count() == 4
    assert Track.objects.count() == 4
    assert Offer.objects.count() == len(plan_2016.OFFERS)
    assert Offer.objects.get(name="Pegasus").replaced_by.name == "Nyt tilbud i Sydhavnen (multihus)"
    assert Offer.objects.get(name="Nabo satellit").parent.name == "Nabo"
    closed_in_plan = sum(1 for offer in plan_2016.OFFERS if offer[6] == "closed")
    assert Offer.objects.filter(status=Offer.Status.CLOSED).count() == closed_in_plan
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for role in Role:
        assert str(role.label) in out
    assert "koordinator" in out
    assert Citizen.objects.exists()
    assert Visit.objects.exists()
    steps = re.findall(r"^\[(\d+)/(\d+)\] ", out, re.MULTILINE)
    assert len(steps) >= 5 and steps[0][0] == "1" and steps[-1][0] == steps[-1][1]


def test_seed_demo_is_idempotent(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    counts = (Offer.objects.count(), Citizen.objects.count(), Visit.objects.count())
    call_command("seed_demo")

    assert (Offer.objects.count(), Citizen.objects.count(), Visit.objects.count()) == counts
    assert get_user_model().objects.filter(username="medarbejder").count() == 1


def test_demo_logins_work_with_the_printed_password(client, db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.DEMO_PASSWORD = ""
    call_command("seed_demo")
    password = (tmp_path / "demo-password").read_text().strip()

    response = client.post(reverse("login"), {"username": "leder", "password": password})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_city_scale_builds_the_requested_volume(db):
    call_command(
        "seed_demo", "--scale", "city", "--offers", "30", "--citizens", "200", "--visits", "5000"
    )

    assert Offer.objects.filter(status=Offer.Status.OPEN).count() == 30
    assert Citizen.objects.count() == 200
    assert Visit.objects.count() == 5000
    assert Visit.objects.values("citizen", "offer", "day").distinct().count() == 5000


def test_city_scale_replaces_the_demo_register(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo")
    call_command(
        "seed_demo", "--scale", "city", "--offers", "30", "--citizens", "100", "--visits", "1000"
    )

    assert Citizen.objects.count() == 100
    assert Visit.objects.count() == 1000


def test_seed_demo_loads_haderslevs_five_drop_ins_with_a_user_per_role(
    db, capsys, settings, tmp_path
):
    from astnet.models import Municipality
    from offers.models import Activity, OpeningHours
    from peers.councils.models import Application, Budget, Council

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--municipality", "haderslev")
    out = capsys.readouterr().out

    assert Municipality.objects.get().name == "Haderslev"
    assert set(Offer.objects.values_list("name", flat=True)) == {
        "Borger Cafeen",
        "Regnbuen",
        "Kolibrien",
        "Brugerhuset",
        "Parasollen",
    }
    assert set(District.objects.values_list("name", flat=True)) == {"Haderslev", "Vojens"}
    shared = Offer.objects.get(name="Brugerhuset").address
    assert Offer.objects.get(name="Parasollen").address == shared
    assert Offer.objects.get(name="Parasollen").operator_name == "KFUM"
    assert Track.objects.count() == 1
    for offer in Offer.objects.all():
        assert OpeningHours.objects.filter(offer=offer).exists()
        assert Activity.objects.filter(offer=offer).exists()
    council = Council.objects.get()
    assert Budget.objects.filter(council=council).exists()
    assert Application.objects.filter(council=council).exists()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for role in Role:
        assert str(role.label) in out
    assert Citizen.objects.exists()


def test_seed_demo_for_haderslev_is_idempotent_and_refuses_to_mix(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--municipality", "haderslev")
    counts = (Offer.objects.count(), Citizen.objects.count(), Membership.objects.count())
    call_command("seed_demo", "--municipality", "haderslev")

    assert (Offer.objects.count(), Citizen.objects.count(), Membership.objects.count()) == counts
    with pytest.raises(CommandError, match="Haderslev"):
        call_command("seed_demo")
    assert Offer.objects.count() == counts[0]
