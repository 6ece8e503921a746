"""The mentor's own page: progress, placements, upcoming meetings, logging a meeting; no citizens."""

import datetime

from django.urls import reverse
from django.utils import timezone

from astnet import access
from citizens.models import Citizen
from peers.mentors.models import PeerMeeting
from tests import factories as f
from tests.mentors import factories as mf
from tests.mentors.conftest import attend


def test_the_mentor_sees_their_progress_placements_and_meetings(client, mentor_world):
    w = mentor_world
    attend(w.sara_on_cohort, w.modules[0], datetime.date(2026, 3, 2))
    mf.PlacementFactory(mentor=w.sara, offer=w.mamma_mia)
    mf.PeerMeetingFactory(
        offer=w.mamma_mia,
        date=timezone.localdate() + datetime.timedelta(days=3),
        theme="Ensomhed",
        mentors=[w.omar],
    )
    client.force_login(w.sara.user)
    body = client.get(reverse("mentors:own")).content.decode()
    assert "Hold 2026" in body
    assert "Du er ikke certificeret endnu." in body
    assert "Mamma Mia" in body
    assert "Ensomhed" in body


def test_the_mentor_logs_a_peer_meeting_at_their_placement(client, mentor_world):
    w = mentor_world
    mf.PlacementFactory(mentor=w.sara, offer=w.mamma_mia)
    client.force_login(w.sara.user)
    response = client.post(
        reverse("mentors:meeting_log"),
        {
            "offer": w.mamma_mia.pk,
            "date": timezone.localdate().isoformat(),
            "participants": "6",
            "theme": "Håb",
        },
    )
    assert response["Location"] == reverse("mentors:own")
    meeting = PeerMeeting.objects.get()
    assert list(meeting.mentors.all()) == [w.sara]
    assert meeting.logged_by == w.sara.user


def test_a_meeting_at_an_offer_where_they_are_not_placed_is_refused(client, mentor_world):
    w = mentor_world
    mf.PlacementFactory(mentor=w.sara, offer=w.mamma_mia)
    client.force_login(w.sara.user)
    response = client.post(
        reverse("mentors:meeting_log"),
        {
            "offer": w.world.nabo.pk,
            "date": timezone.localdate().isoformat(),
            "participants": "6",
            "theme": "Håb",
        },
    )
    assert response.status_code == 200
    assert not PeerMeeting.objects.exists()


def test_a_negative_participant_count_is_refused_in_danish(client, mentor_world):
    w = mentor_world
    mf.PlacementFactory(mentor=w.sara, offer=w.mamma_mia)
    client.force_login(w.sara.user)
    response = client.post(
        reverse("mentors:meeting_log"),
        {
            "offer": w.mamma_mia.pk,
            "date": timezone.localdate().isoformat(),
            "participants": "-1",
            "theme": "Håb",
        },
    )
    assert "Antallet kan ikke være negativt." in response.content.decode()
    assert not PeerMeeting.objects.exists()


def test_a_mentor_never_sees_citizen_records(client, mentor_world):
    citizen = f.CitizenFactory(home_offers=[mentor_world.mamma_mia])
    mf.PlacementFactory(mentor=mentor_world.sara, offer=mentor_world.mamma_mia)
    user = mentor_world.sara.user
    assert not access.scope(user, Citizen).exists()
    client.force_login(user)
    assert client.get(reverse("citizens:detail", args=[citizen.pk])).status_code in {403, 404}


def test_other_roles_cannot_use_the_mentor_pages(client, mentor_world):
    for user in (mentor_world.coordinator, mentor_world.world.staff):
        client.force_login(user)
        assert client.get(reverse("mentors:own")).status_code == 403
        assert client.get(reverse("mentors:meeting_log")).status_code == 403


def test_a_peer_mentor_without_a_record_is_told_so(client, mentor_world):
    client.force_login(mentor_world.world.peer_mentor)
    response = client.get(reverse("mentors:own"))
    assert "ikke oprettet endnu" in response.content.decode()
    assert client.get(reverse("mentors:meeting_log"))["Location"] == reverse("mentors:own")


def test_the_own_page_costs_the_same_for_many_meetings(
    client, mentor_world, django_assert_max_num_queries
):
    w = mentor_world
    mf.PlacementFactory(mentor=w.sara, offer=w.mamma_mia)
    for days in range(8):
        mf.PeerMeetingFactory(
            offer=w.mamma_mia,
            date=timezone.localdate() + datetime.timedelta(days=days - 4),
            mentors=[w.sara],
        )
    client.force_login(w.sara.user)
    # Four of them read the mentor's certification (issue 20), whatever the number of meetings.
    with django_assert_max_num_queries(22):
        response = client.get(reverse("mentors:own"))
    assert response.status_code == 200
