"""The network across centres (filters, pages) and the offers' view of their mentors."""

import datetime

from django.urls import reverse
from django.utils import timezone

from peers.mentors import selectors
from tests.mentors import factories as mf


def test_a_centre_finds_a_mentor_who_speaks_arabic(client, mentor_world):
    w = mentor_world
    arabic = mf.LanguageFactory(name="Arabisk")
    young = mf.ExperienceThemeFactory(name="Unge")
    w.omar.languages.add(arabic)
    w.omar.themes.add(young)
    client.force_login(w.world.staff)
    body = client.get(reverse("mentors:network"), {"sprog": arabic.pk}).content.decode()
    assert "Omar Ali" in body
    assert "Sara Sørensen" not in body
    body = client.get(reverse("mentors:network"), {"tema": young.pk}).content.decode()
    assert "Omar Ali" in body
    assert "Sara Sørensen" not in body
    body = client.get(reverse("mentors:network"), {"bydel": "nordvest"}).content.decode()
    assert "Sara Sørensen" in body
    assert "Omar Ali" not in body


def test_the_network_page_costs_the_same_for_many_mentors(
    client, mentor_world, django_assert_max_num_queries
):
    language = mf.LanguageFactory(name="Somali")
    for _ in range(30):
        mf.PeerMentorFactory(district=mentor_world.nordvest).languages.add(language)
    client.force_login(mentor_world.world.leader)
    # Four more for the page's certification dates (issue 20: "Certificeret", not "Under uddannelse").
    with django_assert_max_num_queries(17):
        response = client.get(reverse("mentors:network"))
    assert "Side 1 af 2" in response.content.decode()


def test_the_network_is_not_for_mentors_or_administration(client, mentor_world):
    for user in (mentor_world.sara.user, mentor_world.world.administration):
        client.force_login(user)
        assert client.get(reverse("mentors:network")).status_code == 403


def test_mentors_for_offer_lists_placements_and_coming_meetings(mentor_world):
    w = mentor_world
    today = timezone.localdate()
    mf.PlacementFactory(mentor=w.sara, offer=w.mamma_mia)
    mf.PlacementFactory(
        mentor=w.omar,
        offer=w.mamma_mia,
        start=today - datetime.timedelta(days=90),
        end=today - datetime.timedelta(days=30),
    )
    mf.PeerMeetingFactory(
        offer=w.mamma_mia, date=today + datetime.timedelta(days=2), mentors=[w.sara]
    )
    mf.PeerMeetingFactory(
        offer=w.mamma_mia, date=today - datetime.timedelta(days=2), mentors=[w.sara]
    )

    result = selectors.mentors_for_offer(w.mamma_mia, today=today)

    assert [p.mentor for p in result.placements] == [w.sara]
    assert [m.date for m in result.meetings] == [today + datetime.timedelta(days=2)]


def test_staff_see_the_mentors_at_their_own_offers_only(
    client, mentor_world, django_assert_max_num_queries
):
    w = mentor_world
    mf.PlacementFactory(mentor=w.sara, offer=w.world.nabo)
    mf.PlacementFactory(mentor=w.omar, offer=w.mamma_mia)
    client.force_login(w.world.staff)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("mentors:offers")).content.decode()
    assert "Sara Sørensen" in body
    assert "Omar Ali" not in body


def test_the_staff_offer_page_shows_the_mentors_placed_there(client, world):
    from django.urls import reverse

    from tests.mentors.factories import PlacementFactory

    placement = PlacementFactory(offer=world.nabo)
    client.force_login(world.staff)

    page = client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).content.decode()

    assert "Peer-vejledere på Nabo" in page
    assert str(placement.mentor) in page
