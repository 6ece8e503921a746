"""Issue 19: the facilitator revokes a participant code someone else has seen; the code is refused
from then on, and a new code carries the same ballot on."""

import pytest
from django.test import Client
from django.urls import reverse

from astnet.models import AuditEvent
from tests.workshops.factories import InputFactory
from workshops import ballots
from workshops.models import Ballot, Dot, ParticipantCode, Workshop


@pytest.fixture
def idea(ws):
    return InputFactory(table=ws.table, theme=ws.peer, text="Idé")


def ballot_url(workshop, **query):
    url = reverse("workshops:ballot", args=[workshop.voting_code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def give(phone, workshop, idea):
    return phone.post(reverse("workshops:dot", args=[workshop.voting_code]), {"input": idea.pk})


def revoke_url(workshop):
    return reverse("workshops:participant_code_revoke", args=[workshop.pk])


def phone_with(workshop, code):
    phone = Client()
    assert phone.get(ballot_url(workshop, deltager=code)).status_code == 302
    return phone


def test_it_asks_for_confirmation_and_changes_nothing_before(client, world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    client.force_login(world.staff)

    page = client.get(revoke_url(ws.amager), {"code": code.code.lower()}).content.decode()

    assert f"Træk deltagerkoden {code.code} tilbage?" in page
    assert "Ja, træk koden tilbage og lav en ny" in page
    code.refresh_from_db()
    assert code.revoked_at is None
    assert ParticipantCode.objects.count() == 1


def test_it_revokes_the_code_and_the_new_code_carries_the_ballot_on(client, world, ws, idea):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    participant = phone_with(ws.amager, code.code)
    give(participant, ws.amager, idea)
    copier = phone_with(ws.amager, code.code)
    client.force_login(world.staff)

    response = client.post(revoke_url(ws.amager), {"code": code.code}, follow=True)

    new = ParticipantCode.objects.get(revoked_at__isnull=True)
    page = response.content.decode()
    assert f"Giv deltageren den nye kode {new.code}" in page
    assert new.code in page and "data:image/svg+xml;base64," in page  # with its QR code
    code.refresh_from_db()
    assert code.revoked_at is not None and code.replaced_by == new
    assert Ballot.objects.get().participant_code == new
    # The copier's phone is refused, and so is the code typed again.
    assert give(copier, ws.amager, idea).status_code == 302
    page = copier.get(ballot_url(ws.amager)).content.decode()
    assert "Deltagerkoden er trukket tilbage af facilitatoren" in page
    page = Client().post(ballot_url(ws.amager), {"deltager": code.code}).content.decode()
    assert "Deltagerkoden er trukket tilbage af facilitatoren" in page
    assert Dot.objects.get().count == 1
    # The participant goes on with the new code where they were.
    newcomer = phone_with(ws.amager, new.code)
    give(newcomer, ws.amager, idea)
    assert Ballot.objects.count() == 1
    assert Dot.objects.get().count == 2


def test_the_revoked_code_s_phone_forgets_it(client, world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    copier = phone_with(ws.amager, code.code)
    ballots.participant_code_revoke(by=world.staff, workshop=ws.amager, code=code.code)

    response = copier.get(ballot_url(ws.amager))

    assert "Din deltagerkode" in response.content.decode()
    assert response.cookies["astnet_deltagerkode"].value == ""


def test_an_unused_code_can_be_revoked_too(world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)

    new = ballots.participant_code_revoke(by=world.staff, workshop=ws.amager, code=code.code)

    assert new.code != code.code
    assert not Ballot.objects.exists()


def test_it_writes_an_audit_event_without_the_code(client, world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    client.force_login(world.staff)

    client.post(revoke_url(ws.amager), {"code": code.code})

    event = AuditEvent.objects.get(detail="participant code revoked and replaced")
    assert event.actor == world.staff
    assert code.code not in str(event.__dict__)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ZZZZ2222", "Koden er ikke en deltagerkode ved denne workshop."),
        ("", "Skriv koden fra deltagerens seddel."),
    ],
)
def test_an_unknown_code_is_refused_in_danish(client, world, ws, typed, message):
    ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    client.force_login(world.staff)

    for response in (
        client.get(revoke_url(ws.amager), {"code": typed}),
        client.post(revoke_url(ws.amager), {"code": typed}),
    ):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not ParticipantCode.objects.filter(revoked_at__isnull=False).exists()


def test_a_code_revoked_twice_names_the_new_code(client, world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    new = ballots.participant_code_revoke(by=world.staff, workshop=ws.amager, code=code.code)
    client.force_login(world.staff)

    response = client.post(revoke_url(ws.amager), {"code": code.code})

    assert response.status_code == 400
    assert f"Den nye kode er {new.code}." in response.content.decode()
    assert ParticipantCode.objects.count() == 2


def test_a_code_of_another_workshop_is_not_revoked(client, world, ws):
    [other] = ballots.participant_codes_create(by=world.staff, workshop=ws.norrebro, count=1)
    ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    client.force_login(world.staff)

    response = client.post(revoke_url(ws.amager), {"code": other.code})

    assert response.status_code == 400
    other.refresh_from_db()
    assert other.revoked_at is None


def test_the_printed_sheet_and_the_count_leave_revoked_codes_out(client, world, ws, monkeypatch):
    codes = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=2)
    new = ballots.participant_code_revoke(by=world.staff, workshop=ws.amager, code=codes[0].code)
    seen = {}
    monkeypatch.setattr(
        "workshops.views.codes.render_pdf_template",
        lambda template, context, request: seen.update(context) or b"%PDF",
    )
    client.force_login(world.staff)

    client.get(reverse("workshops:participant_codes_pdf", args=[ws.amager.pk]))
    page = client.get(reverse("workshops:participant_codes", args=[ws.amager.pk]))

    assert [item["code"] for item in seen["codes"]] == [codes[1].code, new.code]
    assert "2 lavet, 0 taget i brug" in page.content.decode()


@pytest.mark.parametrize("role", ["council_member", "administration"])
def test_only_facilitators_revoke_codes(client, world, ws, role):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    client.force_login(getattr(world, role))

    assert client.post(revoke_url(ws.amager), {"code": code.code}).status_code == 403
    code.refresh_from_db()
    assert code.revoked_at is None


def test_another_district_s_workshop_answers_404(client, world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.norrebro, count=1)
    client.force_login(world.staff)

    assert client.post(revoke_url(ws.norrebro), {"code": code.code}).status_code == 404


def test_it_requires_login(client, ws):
    response = client.get(revoke_url(ws.amager))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_workshop_with_revoked_codes_can_be_deleted(world, ws):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    ballots.participant_code_revoke(by=world.staff, workshop=ws.amager, code=code.code)

    Workshop.objects.filter(pk=ws.amager.pk).delete()

    assert not ParticipantCode.objects.exists()
