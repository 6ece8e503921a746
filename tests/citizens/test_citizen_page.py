"""The citizen page and its forms: who may see it, what it shows, and refusals that change nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent
from citizens import cpr
from citizens.models import Citizen, Consent, ExpectationTalk, Visit
from tests import factories as f
from tests.citizens.factories import ConsentFactory, ExpectationTalkFactory


@pytest.fixture
def citizen(world):
    return f.CitizenFactory(chosen_name="Bodil", home_offers=[world.nabo])


def _detail(citizen):
    return reverse("citizens:detail", args=[citizen.pk])


def test_staff_see_their_citizen_and_the_view_is_audited(client, world, citizen):
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=datetime.date(2026, 10, 5))
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=datetime.date(2026, 10, 9))
    ExpectationTalkFactory(citizen=citizen, offer=world.nabo, wishes_and_goals="Lære at male")
    ConsentFactory(
        citizen=citizen,
        given_at=timezone.now() - datetime.timedelta(days=3),
        withdrawn_at=timezone.now(),
    )
    ConsentFactory(citizen=citizen, kind=Consent.Kind.RELATIVES)
    client.force_login(world.staff)

    response = client.get(_detail(citizen))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lære at male" in body
    assert "Oktober 2026" in body
    assert "Trukket tilbage" in body and "Gælder" in body
    assert "Ret oplysninger" in body
    event = AuditEvent.objects.get(action="view", object_type="citizens.citizen")
    assert event.object_id == str(citizen.pk)
    assert event.actor == world.staff
    assert "Bodil" not in event.detail


def test_the_latest_talk_comes_first(client, world, citizen):
    ExpectationTalkFactory(
        citizen=citizen,
        offer=world.nabo,
        held_on=datetime.date(2026, 1, 1),
        wishes_and_goals="FØRSTE",
    )
    ExpectationTalkFactory(
        citizen=citizen,
        offer=world.nabo,
        held_on=datetime.date(2026, 6, 1),
        wishes_and_goals="ANDEN",
    )
    client.force_login(world.staff)

    body = client.get(_detail(citizen)).content.decode()

    assert body.index("ANDEN") < body.index("FØRSTE")


def test_the_cpr_number_is_only_shown_masked(client, world, citizen):
    citizen.cpr_encrypted = cpr.encrypt("0101901234")
    citizen.cpr_hash = cpr.lookup_hash("0101901234")
    citizen.save()
    client.force_login(world.staff)

    body = client.get(_detail(citizen)).content.decode()

    assert "010190-XXXX" in body
    assert "1234" not in body


def test_staff_of_another_offer_get_404(client, world, citizen):
    client.force_login(f.member("staff", offer=world.griffen, username="gitte"))

    assert client.get(_detail(citizen)).status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


def test_the_leader_reads_the_district_but_cannot_change(client, world, citizen):
    client.force_login(world.leader)

    page = client.get(_detail(citizen))
    edit = client.get(reverse("citizens:edit", args=[citizen.pk]))

    assert page.status_code == 200
    assert "Ret oplysninger" not in page.content.decode()
    assert edit.status_code == 403


def test_a_leader_of_another_district_gets_404(client, world):
    griffen_citizen = f.CitizenFactory(home_offers=[world.griffen])
    client.force_login(world.leader)

    assert client.get(_detail(griffen_citizen)).status_code == 404


@pytest.mark.parametrize("role", ["council_member", "peer_mentor", "administration", "dpo"])
@pytest.mark.parametrize(
    "url_name", ["detail", "edit", "visit_create", "talk_create", "consent_create"]
)
def test_other_roles_never_reach_a_citizen_page(client, world, citizen, role, url_name):
    client.force_login(world.persona(role))

    response = client.get(reverse(f"citizens:{url_name}", args=[citizen.pk]))

    assert response.status_code in {403, 404}


@pytest.mark.parametrize("role", ["council_member", "peer_mentor", "administration", "dpo"])
def test_other_roles_never_reach_the_citizen_lists(client, world, role):
    client.force_login(world.persona(role))

    assert client.get(reverse("citizens:follow_up")).status_code == 403
    assert client.get(reverse("citizens:create")).status_code == 403
    assert client.get(reverse("citizens:today", args=[world.nabo.pk])).status_code == 403


def _citizen_data(world, **changes):
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
    data.update(changes)
    return data


def test_staff_create_a_citizen_with_challenges_and_cpr(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:create"),
        _citizen_data(
            world,
            challenges=["housing", "mental_health"],
            cpr_number="010190-1234",
            contact_person=world.staff.pk,
        ),
    )

    citizen = Citizen.objects.get(chosen_name="Svend")
    assert response["Location"] == _detail(citizen)
    assert citizen.challenges == ["housing", "mental_health"]
    assert citizen.contact_person == world.staff
    assert citizen.cpr_hash == cpr.lookup_hash("0101901234")
    assert "0101901234" not in citizen.cpr_encrypted
    assert not AuditEvent.objects.filter(detail__contains="0101901234").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"birth_year": "1899"}, "Fødselsåret skal ligge mellem 1900 og"),
        (
            {"birth_year": str(datetime.date.today().year + 1)},
            "Fødselsåret skal ligge mellem 1900 og",
        ),
        ({"cpr_number": "320190-1234"}, "ikke en gyldig dato"),
        ({"chosen_name": ""}, "Skriv det navn, borgeren vil kaldes."),
        ({"home_offers": []}, "Vælg mindst ét tilbud"),
        ({"phone": "12345678"}, "kun, når borgeren ønsker at blive kontaktet"),
        ({"home_offers": [2_000_000]}, "Marker en gyldig valgmulighed"),
    ],
)
def test_create_refuses_impossible_input_in_danish(client, world, changes, message):
    client.force_login(world.staff)

    response = client.post(reverse("citizens:create"), _citizen_data(world, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Intet er gemt" in response.content.decode()
    assert not Citizen.objects.exists()


def test_staff_cannot_make_a_citizen_regular_at_an_offer_not_theirs(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:create"), _citizen_data(world, home_offers=[world.griffen.pk])
    )

    assert response.status_code == 400
    assert not Citizen.objects.exists()


def test_a_cpr_number_already_registered_is_refused(client, world, citizen):
    citizen.cpr_encrypted = cpr.encrypt("0101901234")
    citizen.cpr_hash = cpr.lookup_hash("0101901234")
    citizen.save()
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:create"), _citizen_data(world, cpr_number="0101901234")
    )

    assert response.status_code == 400
    assert "allerede registreret" in response.content.decode()
    assert Citizen.objects.count() == 1


def test_editing_keeps_the_cpr_number_when_the_field_is_left_empty(client, world, citizen):
    citizen.cpr_encrypted = cpr.encrypt("0101901234")
    citizen.cpr_hash = cpr.lookup_hash("0101901234")
    citizen.save()
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:edit", args=[citizen.pk]),
        _citizen_data(world, chosen_name="Bodil B.", wants_contact="on", phone="12345678"),
    )

    citizen.refresh_from_db()
    assert response.status_code == 302
    assert citizen.chosen_name == "Bodil B."
    assert citizen.phone == "12345678"
    assert citizen.cpr_hash == cpr.lookup_hash("0101901234")


def test_editing_refuses_a_bad_birth_year_and_changes_nothing(client, world, citizen):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:edit", args=[citizen.pk]),
        _citizen_data(world, chosen_name="Nyt navn", birth_year="1800"),
    )

    citizen.refresh_from_db()
    assert response.status_code == 400
    assert citizen.chosen_name == "Bodil"
    assert citizen.birth_year == 1980


def test_a_past_visit_is_recorded_and_a_future_one_refused(client, world, citizen):
    client.force_login(world.staff)
    url = reverse("citizens:visit_create", args=[citizen.pk])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    refused = client.post(url, {"offer": world.nabo.pk, "day": tomorrow.isoformat()})
    recorded = client.post(url, {"offer": world.nabo.pk, "day": yesterday.isoformat()})

    assert refused.status_code == 400
    assert "Datoen ligger i fremtiden" in refused.content.decode()
    assert recorded.status_code == 302
    assert list(Visit.objects.values_list("day", flat=True)) == [yesterday]


def _talk_data(world, **changes):
    data = {
        "offer": world.nabo.pk,
        "held_on": timezone.localdate().isoformat(),
        "wishes_and_goals": "Vil gerne i gang med at cykle igen.",
        "what_helps": "En rolig stemme og lidt luft.",
        "activities_to_try": "Cykelværkstedet",
        "follow_up_consent_asked": "on",
        "follow_up_consent_given": "on",
        "contact_method": "sms",
        "contact_phone": "20 30 40 50",
        "contact_person_agreed": "on",
        "contact_person": world.staff.pk,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_talk_with_consent_records_the_consent_and_contact_person(client, world, citizen):
    client.force_login(world.staff)

    response = client.post(reverse("citizens:talk_create", args=[citizen.pk]), _talk_data(world))

    citizen.refresh_from_db()
    talk = ExpectationTalk.objects.get()
    assert response.status_code == 302
    assert talk.staff == world.staff and talk.follow_up_consent_given
    assert citizen.contact_person == world.staff
    consent = Consent.objects.get(citizen=citizen)
    assert consent.kind == Consent.Kind.FOLLOW_UP and consent.is_active


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "2999-01-01"}, "Datoen ligger i fremtiden"),
        ({"wishes_and_goals": ""}, "Skriv borgerens ønsker og mål"),
        ({"follow_up_consent_asked": None}, "kun give samtykke, når vedkommende er spurgt"),
        ({"contact_person": ""}, "Vælg den kontaktperson"),
        ({"offer": str(1_000_000)}, "Marker en gyldig valgmulighed"),
        ({"contact_method": None}, "Spørg borgeren, hvordan vi må tage kontakt."),
        ({"contact_phone": ""}, "Skriv det telefonnummer, borgeren vil kontaktes på."),
        (
            {"contact_method": "email", "contact_email": ""},
            "Skriv den e-mailadresse, borgeren vil kontaktes på.",
        ),
        (
            {"follow_up_consent_given": None},
            "Vælg kun en kontaktform, når borgeren har sagt ja til opfølgning.",
        ),
    ],
)
def test_a_talk_with_impossible_input_is_refused_and_nothing_saved(
    client, world, citizen, changes, message
):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:talk_create", args=[citizen.pk]), _talk_data(world, **changes)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExpectationTalk.objects.exists()
    assert not Consent.objects.exists()


def test_a_yes_to_follow_up_records_how_the_citizen_wants_to_be_reached(client, world, citizen):
    client.force_login(world.staff)

    client.post(reverse("citizens:talk_create", args=[citizen.pk]), _talk_data(world))
    page = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()

    citizen.refresh_from_db()
    assert ExpectationTalk.objects.get().contact_method == "sms"
    assert citizen.wants_contact and citizen.phone == "20 30 40 50"
    assert "Send en sms" in page
    assert "Ønsker at blive kontaktet</dt><dd>Ja" in page


def test_the_talk_form_asks_how_to_make_contact(client, world, citizen):
    client.force_login(world.staff)

    page = client.get(reverse("citizens:talk_create", args=[citizen.pk])).content.decode()

    assert "Sådan vil borgeren kontaktes" in page
    assert 'type="radio" name="contact_method" value="phone"' in page


def test_consent_to_a_partner_needs_the_partners_name(client, world, citizen):
    client.force_login(world.staff)
    url = reverse("citizens:consent_create", args=[citizen.pk])

    refused = client.post(url, {"kind": "partner", "partner_name": ""})
    given = client.post(url, {"kind": "partner", "partner_name": "Jobcenter Amager"})

    assert refused.status_code == 400
    assert "Skriv navnet på samarbejdspartneren." in refused.content.decode()
    assert given.status_code == 302
    assert Consent.objects.get().partner_name == "Jobcenter Amager"


def test_the_same_consent_twice_is_refused(client, world, citizen):
    ConsentFactory(citizen=citizen)
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:consent_create", args=[citizen.pk]), {"kind": "follow_up"}
    )

    assert response.status_code == 400
    assert "allerede givet dette samtykke" in response.content.decode()
    assert Consent.objects.count() == 1


def test_withdrawing_asks_first_and_keeps_the_history(client, world, citizen):
    consent = ConsentFactory(citizen=citizen)
    client.force_login(world.staff)
    url = reverse("citizens:consent_withdraw", args=[consent.pk])

    confirm = client.get(url)
    done = client.post(url)
    again = client.post(url)

    consent.refresh_from_db()
    assert "Ja, træk samtykket tilbage" in confirm.content.decode()
    assert done.status_code == 302
    assert consent.withdrawn_at is not None and consent.withdrawn_recorded_by == world.staff
    assert again.status_code == 404
    assert Consent.objects.count() == 1


def test_the_leader_cannot_withdraw_consent(client, world, citizen):
    consent = ConsentFactory(citizen=citizen)
    client.force_login(world.leader)

    assert client.post(reverse("citizens:consent_withdraw", args=[consent.pk])).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
