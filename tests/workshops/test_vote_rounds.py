"""Issue 19, workshop dot voting: the dots are fixed when voting opens, voting is open only while
the workshop runs, and with participant codes each participant has exactly one ballot."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent
from tests.workshops.factories import InputFactory
from workshops import ballots
from workshops.models import Ballot, Dot, ParticipantCode, VotingMode, VotingRound
from workshops.voting import PARTICIPANT_COOKIE


@pytest.fixture
def idea(ws):
    return InputFactory(table=ws.table, theme=ws.peer, text="Idé")


def ballot_url(workshop, **query):
    url = reverse("workshops:ballot", args=[workshop.voting_code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def give(client, workshop, idea, **extra):
    return client.post(
        reverse("workshops:dot", args=[workshop.voting_code]), {"input": idea.pk, **extra}
    )


def edit_dots(client, world, workshop, dots):
    """The leader lowers the dots per participant through the workshop form."""
    client.force_login(world.leader)
    page = client.get(reverse("workshops:edit", args=[workshop.pk]))
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name not in ("themes",) and value is not None
    }
    data.update(
        {
            "process": workshop.process_id,
            "district": workshop.district_id,
            "date": workshop.date.isoformat(),
            "themes": [theme.pk for theme in workshop.themes.all()],
            "dots_per_participant": dots,
        }
    )
    return client.post(reverse("workshops:edit", args=[workshop.pk]), data), page


def test_lowering_the_dots_after_phones_voted_changes_no_ballot(client, world, ws, idea):
    phone = Client()
    phone.get(ballot_url(ws.amager))
    for _ in range(3):
        give(phone, ws.amager, idea)
    ws.amager.dots_per_participant = 1
    ws.amager.save()

    page = phone.get(ballot_url(ws.amager)).content.decode()

    assert VotingRound.objects.get(workshop=ws.amager).dots_per_participant == 3
    assert "Du har 0 prikker tilbage." in page
    assert "-" not in re.search(r"Du har (\S+) prik", page).group(1)
    newcomer = Client()
    newcomer.get(ballot_url(ws.amager))
    for _ in range(4):
        give(newcomer, ws.amager, idea)
    assert [b.dots.get().count for b in Ballot.objects.order_by("pk")] == [3, 3]


def test_the_workshop_form_locks_the_dots_once_voting_has_opened(client, world, ws, idea):
    give_phone = Client()
    give_phone.get(ballot_url(ws.amager))
    give(give_phone, ws.amager, idea)

    response, page = edit_dots(client, world, ws.amager, 1)

    assert "Låst: afstemningen er åbnet med 3 prikker" in page.content.decode()
    ws.amager.refresh_from_db()
    assert ws.amager.dots_in_force == 3


def test_dots_can_be_changed_until_voting_opens(client, world, ws):
    edit_dots(client, world, ws.amager, 7)
    ws.amager.refresh_from_db()
    assert ws.amager.dots_per_participant == 7 == ws.amager.dots_in_force


@pytest.mark.parametrize(
    ("days", "start", "end", "open_"),
    [
        (14, None, None, False),  # two weeks before: closed (the reported fault)
        (0, datetime.time(23, 58), None, False),  # later today: not yet
        (0, datetime.time(0, 1), datetime.time(23, 59), True),
        (-1, None, None, False),  # yesterday: over
    ],
)
def test_voting_is_open_only_while_the_workshop_runs(ws, days, start, end, open_):
    workshop = ws.amager
    workshop.date = timezone.localdate() + datetime.timedelta(days=days)
    workshop.start_time, workshop.end_time = start, end
    workshop.save()
    now = timezone.localtime()
    if open_ and not (start <= now.time() < end):
        pytest.skip("the clock is at the edge of the day")
    assert workshop.voting_open is open_


def test_a_code_before_the_workshop_starts_is_refused_with_the_start(client, ws, idea):
    ws.amager.date = timezone.localdate() + datetime.timedelta(days=14)
    ws.amager.start_time = datetime.time(10, 0)
    ws.amager.save()
    response = client.post(reverse("workshops:vote_start"), {"code": ws.amager.voting_code})
    assert "Afstemningen åbner, når workshoppen begynder" in response.content.decode()
    assert give(client, ws.amager, idea).status_code == 410
    assert not Dot.objects.exists() and not VotingRound.objects.exists()


def test_the_facilitator_makes_codes_and_prints_them_with_qr_codes(client, world, ws):
    client.force_login(world.staff)
    url = reverse("workshops:participant_codes", args=[ws.amager.pk])
    response = client.post(url, {"count": 4})
    assert response.status_code == 302
    assert ParticipantCode.objects.filter(workshop=ws.amager).count() == 4
    ws.amager.refresh_from_db()
    assert ws.amager.voting_mode == VotingMode.CODES
    assert AuditEvent.objects.filter(detail="participant codes +4").exists()

    pdf = client.get(reverse("workshops:participant_codes_pdf", args=[ws.amager.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_sheet_carries_each_code_and_its_qr_code(rf, world, ws, monkeypatch):
    codes = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=2)
    seen = {}
    monkeypatch.setattr(
        "workshops.views.codes.render_pdf_template",
        lambda template, context, request=None: seen.update(context) or b"%PDF",
    )
    client = Client()
    client.force_login(world.staff)
    client.get(reverse("workshops:participant_codes_pdf", args=[ws.amager.pk]))
    assert [item["code"] for item in seen["codes"]] == [code.code for code in codes]
    assert all(item["qr"].startswith("data:image/svg+xml;base64,") for item in seen["codes"])


@pytest.mark.parametrize("count", ["0", "201", "mange", ""])
def test_a_bad_number_of_codes_is_refused_in_danish(client, world, ws, count):
    client.force_login(world.staff)
    response = client.post(
        reverse("workshops:participant_codes", args=[ws.amager.pk]), {"count": count}
    )
    assert "Skriv et antal mellem 1 og 200." in response.content.decode()
    assert not ParticipantCode.objects.exists()


@pytest.mark.parametrize("role", ["council_member", "administration"])
def test_only_facilitators_make_codes(client, world, ws, role):
    client.force_login(getattr(world, role))
    url = reverse("workshops:participant_codes", args=[ws.amager.pk])
    assert client.post(url, {"count": 3}).status_code == 403
    assert client.get(url + "../deltagerkoder.pdf").status_code in (403, 404)


def test_another_districts_codes_answer_404(client, world, ws):
    client.force_login(world.staff)
    url = reverse("workshops:participant_codes", args=[ws.norrebro.pk])
    assert client.post(url, {"count": 3}).status_code == 404


def test_a_code_gives_one_ballot_even_after_the_cookie_is_cleared(client, world, ws, idea):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    phone = Client()
    assert "Din deltagerkode" in phone.get(ballot_url(ws.amager)).content.decode()
    assert phone.get(ballot_url(ws.amager, deltager=code.code.lower())).status_code == 302
    for _ in range(3):
        give(phone, ws.amager, idea)

    phone.cookies.clear()
    assert give(phone, ws.amager, idea).status_code == 302  # asked for the code again
    phone.get(ballot_url(ws.amager, deltager=code.code))
    page = phone.get(ballot_url(ws.amager)).content.decode()
    give(phone, ws.amager, idea)

    assert "Du har 0 prikker tilbage." in page
    assert Ballot.objects.count() == 1
    assert Dot.objects.get().count == 3


def test_without_a_code_no_dot_is_given_in_codes_mode(client, world, ws, idea):
    ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    phone = Client()
    phone.get(ballot_url(ws.amager))
    give(phone, ws.amager, idea)
    assert not Ballot.objects.exists()


def test_an_unknown_participant_code_is_refused_in_danish(client, world, ws):
    ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    response = Client().post(ballot_url(ws.amager), {"deltager": "ZZZZ2222"})
    assert "Deltagerkoden findes ikke" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_code_of_another_workshop_is_refused(client, world, ws):
    ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    [other] = ballots.participant_codes_create(by=world.staff, workshop=ws.norrebro, count=1)
    response = Client().post(ballot_url(ws.amager), {"deltager": other.code})
    assert "Deltagerkoden findes ikke" in response.content.decode()
    assert not Ballot.objects.exists()


def test_the_participant_cookie_is_signed(client, world, ws, idea):
    [code] = ballots.participant_codes_create(by=world.staff, workshop=ws.amager, count=1)
    phone = Client()
    phone.cookies[PARTICIPANT_COOKIE] = f"{ws.amager.pk}:{code.code}"
    give(phone, ws.amager, idea)
    assert not Ballot.objects.exists()


def test_codes_are_refused_once_an_informal_vote_has_opened(client, world, ws, idea):
    phone = Client()
    phone.get(ballot_url(ws.amager))
    give(phone, ws.amager, idea)
    client.force_login(world.staff)
    response = client.post(
        reverse("workshops:participant_codes", args=[ws.amager.pk]), {"count": 3}
    )
    assert "allerede åbnet som uformel afstemning" in response.content.decode()
    assert not ParticipantCode.objects.exists()


def test_the_cookie_mode_says_what_it_is(ws):
    page = Client().get(ballot_url(ws.amager)).content.decode()
    assert "Uformel afstemning: din telefon husker dine prikker i en cookie" in page


def test_the_database_keeps_a_ballot_bound_to_a_device_or_a_code(ws):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(workshop=ws.amager, device="")
