import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from peers.councils import services, voting
from peers.models import Application, ApplicationAttachment
from tests.peers.factories import application_in_vote, submitted_application

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def login(client, user):
    client.force_login(user)
    return client


def form_data(cw, **overrides):
    data = {
        "citizen": cw.citizen.pk,
        "title": "Tur til Bakken",
        "description": "En dag på Bakken.",
        "amount": "1.250,50",
        "starts_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "beneficiaries": "Alle på Nabo",
        "publish_first_name": "on",
    }
    data.update(overrides)
    return data


def test_the_member_sees_open_votes_budget_and_decisions(
    client, council_world, django_assert_max_num_queries
):
    application_in_vote(council_world, title="Kanotur")
    login(client, council_world.chair)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("peers:council", args=[council_world.council.pk]))
    content = response.content.decode()
    assert "Kanotur" in content
    assert 'value="yes"' in content
    assert "Tilbage: <strong>10.000,00 kr.</strong>" in content


def test_a_member_of_another_council_gets_404(client, council_world):
    application = application_in_vote(council_world)
    login(client, council_world.outsider)
    assert client.get(reverse("peers:council", args=[council_world.council.pk])).status_code == 404
    assert client.get(reverse("peers:application", args=[application.pk])).status_code == 404
    response = client.post(reverse("peers:vote", args=[application.pk]), {"choice": "yes"})
    assert response.status_code == 404
    assert not application.votes.exists()


def test_administration_sees_only_totals(client, council_world):
    application_in_vote(council_world, title="Hemmelig tur")
    login(client, council_world.world.administration)
    assert client.get(reverse("peers:council", args=[council_world.council.pk])).status_code == 403
    response = client.get(reverse("peers:overview"))
    content = response.content.decode()
    assert "Brugerrådet i Nabo" in content
    assert "10.000,00 kr." in content
    assert "Hemmelig tur" not in content


def test_a_leader_reads_the_district_council_but_cannot_vote(client, council_world):
    application = application_in_vote(council_world)
    login(client, council_world.world.leader)
    assert client.get(reverse("peers:council", args=[council_world.council.pk])).status_code == 200
    response = client.post(reverse("peers:vote", args=[application.pk]), {"choice": "yes"})
    assert response.status_code == 403


def test_anonymous_users_are_sent_to_login(client, council_world):
    response = client.get(reverse("peers:council", args=[council_world.council.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_voting_from_the_council_page(client, council_world):
    application = application_in_vote(council_world)
    login(client, council_world.bo)
    response = client.post(reverse("peers:vote", args=[application.pk]), {"choice": "yes"})
    assert response.status_code == 302
    assert application.votes.get().choice == "yes"
    assert client.get(reverse("peers:vote", args=[application.pk])).status_code == 405


def test_voting_with_htmx_swaps_the_card(client, council_world):
    application = application_in_vote(council_world)
    login(client, council_world.bo)
    response = client.post(
        reverse("peers:vote", args=[application.pk]), {"choice": "no"}, HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in response.content
    assert b'aria-pressed="true">Nej' in response.content


def test_staff_apply_for_a_citizen_and_get_a_receipt(client, council_world):
    login(client, council_world.world.staff)
    upload = SimpleUploadedFile("tilbud.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("peers:apply", args=[council_world.council.pk]),
        form_data(council_world, attachments=[upload]),
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("peers:receipt", args=[application.pk])
    assert application.state == Application.State.SUBMITTED
    assert application.helped_by == council_world.world.staff
    assert application.applicant_citizen == council_world.citizen
    assert application.amount_ore == 1_250_50
    assert application.attachments.get().content_type == "application/pdf"
    receipt = client.get(response["Location"]).content.decode()
    assert "1.250,50 kr." in receipt


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "0"}, "større end 0"),
        ({"amount": "10.000,01"}, "10.000,00 kr."),
        ({"amount": "mange"}, "Skriv beløbet i kroner"),
        ({"starts_on": "2020-01-01"}, "før i dag"),
    ],
)
def test_bad_input_is_refused_in_danish_and_nothing_is_saved(
    client, council_world, overrides, message
):
    login(client, council_world.world.staff)
    response = client.post(
        reverse("peers:apply", args=[council_world.council.pk]),
        form_data(council_world, **overrides),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Tur til Bakken" in response.content.decode()
    assert not Application.objects.exists()


def test_a_file_that_is_not_pdf_jpg_or_png_is_refused(client, council_world):
    login(client, council_world.world.staff)
    fake = SimpleUploadedFile("tilbud.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("peers:apply", args=[council_world.council.pk]),
        form_data(council_world, attachments=[fake]),
    )
    assert "ikke en PDF, JPG eller PNG" in response.content.decode()
    assert not Application.objects.exists()


def test_staff_cannot_apply_to_a_council_at_another_offer(client, council_world):
    login(client, council_world.world.staff)
    response = client.get(reverse("peers:apply", args=[council_world.other_council.pk]))
    assert response.status_code == 404


def test_attachments_are_served_only_to_those_in_scope(client, council_world, settings):
    application = submitted_application(council_world)
    attachment = ApplicationAttachment.objects.create(
        application=application,
        file=SimpleUploadedFile("bilag.pdf", PDF),
        original_name="bilag.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=council_world.world.staff,
    )
    assert attachment.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    url = reverse("peers:attachment", args=[attachment.pk])
    login(client, council_world.bo)
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
    client.logout()
    login(client, council_world.outsider)
    assert client.get(url).status_code == 404


def test_the_public_page_shows_grants_and_a_first_name_only_with_consent(client, council_world):
    with_consent = submitted_application(council_world, title="Kanotur", publish_first_name=True)
    without = submitted_application(
        council_world, title="Bowling", applicant_first_name="Hemmelig", publish_first_name=False
    )
    for application in (with_consent, without):
        voting.application_grant(application=application, amount_ore=1_000_00, reasoning="Ja.")
    response = client.get(reverse("peers:public", args=[council_world.council.pk]))
    content = response.content.decode()
    assert "Kanotur" in content and "Bowling" in content
    assert "søgt af Karin" in content
    assert "Hemmelig" not in content
    assert "Karin Hansen" not in content
    assert "Tilbage: <strong>8.000,00 kr.</strong>" in content


def test_the_minutes_pdf_counts_votes_without_names(client, council_world):
    application = application_in_vote(council_world, title="Kanotur")
    for user in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=user, choice="yes")
    meeting = voting.meeting_create(
        council=council_world.council, date=timezone.localdate(), by=council_world.chair
    )
    login(client, council_world.bo)
    response = client.get(reverse("peers:minutes_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kanotur" in text
    assert "Sanne" not in text


def test_a_member_records_a_meeting_with_the_decisions_since_the_last(client, council_world):
    application = application_in_vote(council_world, title="Kanotur")
    for user in (council_world.chair, council_world.bo, council_world.sanne):
        voting.vote_cast(application=application, user=user, choice="yes")
    seat = council_world.council.members.get(user=council_world.bo)
    login(client, council_world.chair)
    response = client.post(
        reverse("peers:meeting_new", args=[council_world.council.pk]),
        {"date": timezone.localdate().isoformat(), "agenda": "Sommerture", "attendance": [seat.pk]},
    )
    meeting = council_world.council.meetings.get()
    assert response["Location"] == reverse("peers:meeting", args=[meeting.pk])
    assert list(meeting.attendance.all()) == [seat]
    assert meeting.decisions.get().application == application


def test_a_meeting_without_a_date_is_refused(client, council_world):
    login(client, council_world.chair)
    response = client.post(reverse("peers:meeting_new", args=[council_world.council.pk]), {})
    assert response.status_code == 200
    assert "Dette felt er påkrævet" in response.content.decode()
    assert not council_world.council.meetings.exists()


def test_withdrawing_asks_first_then_withdraws(client, council_world):
    application = submitted_application(council_world)
    login(client, council_world.world.staff)
    url = reverse("peers:withdraw", args=[application.pk])
    assert "Træk ansøgningen tilbage?" in client.get(url).content.decode()
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    client.post(url)
    application.refresh_from_db()
    assert application.state == Application.State.WITHDRAWN


def test_a_member_with_one_council_goes_straight_to_it(client, council_world):
    login(client, council_world.bo)
    response = client.get(reverse("peers:index"))
    assert response["Location"] == reverse("peers:council", args=[council_world.council.pk])


def test_the_overview_costs_the_same_for_many_councils(
    client, council_world, django_assert_max_num_queries
):
    from tests.factories import CouncilFactory

    for _ in range(5):
        council = CouncilFactory()
        services.budget_set(council=council, year=timezone.localdate().year, amount_ore=100)
    login(client, council_world.world.administration)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("peers:overview"))
    assert response.status_code == 200


def test_a_member_writes_a_new_version_of_the_criteria(client, council_world):
    services.criteria_publish(council=council_world.council, text="For alle.")
    login(client, council_world.bo)
    url = reverse("peers:criteria", args=[council_world.council.pk])
    assert "For alle." in client.get(url).content.decode()
    response = client.post(url, {"text": "For alle og gratis."})
    assert response.status_code == 302
    latest = council_world.council.criteria.order_by("-version").first()
    assert (latest.version, latest.text) == (2, "For alle og gratis.")


def test_empty_criteria_are_refused_and_the_old_stay(client, council_world):
    services.criteria_publish(council=council_world.council, text="For alle.")
    login(client, council_world.bo)
    response = client.post(reverse("peers:criteria", args=[council_world.council.pk]), {"text": ""})
    assert "Dette felt er påkrævet" in response.content.decode()
    assert council_world.council.criteria.count() == 1


def test_a_member_of_another_council_cannot_change_the_criteria(client, council_world):
    login(client, council_world.outsider)
    response = client.post(
        reverse("peers:criteria", args=[council_world.council.pk]), {"text": "Kun for mig."}
    )
    assert response.status_code == 404
    assert not council_world.council.criteria.exists()
