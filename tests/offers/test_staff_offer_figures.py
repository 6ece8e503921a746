"""An offer's work page: today's head count is exact for its staff, suppressed for the administration
(issue 16, part 2: every count shown outside the citizen's scope goes through small-number suppression)."""

from django.urls import reverse
from django.utils import timezone

from tests import factories as f


def _two_visits_today(world):
    today = timezone.localdate()
    for _ in range(2):
        citizen = f.CitizenFactory()
        f.VisitFactory(citizen=citizen, offer=world.nabo, day=today)


def test_it_shows_the_administration_under_five_for_two_visitors(client, world):
    _two_visits_today(world)
    client.force_login(world.administration)
    page = client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).content.decode()
    assert '<span class="figure">&lt;5</span> fremmødte i dag' in page
    assert '<span class="figure">2</span>' not in page


def test_it_shows_the_offers_staff_the_exact_count(client, world):
    _two_visits_today(world)
    client.force_login(world.staff)
    page = client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).content.decode()
    assert '<span class="figure">2</span> fremmødte i dag' in page


def test_the_administration_sees_peer_mentors_only_as_aggregates(client, world):
    import datetime

    from django.apps import apps

    mentor = apps.get_model("peers", "PeerMentor").objects.create(
        user=f.UserFactory(first_name="Mikkelmentor"), district=world.amager
    )
    apps.get_model("peers", "Placement").objects.create(
        mentor=mentor, offer=world.nabo, start=datetime.date(2026, 1, 1), hours_per_week=4
    )
    meeting = apps.get_model("peers", "PeerMeeting").objects.create(
        offer=world.nabo,
        date=timezone.localdate() + datetime.timedelta(days=3),
        theme="Søvnløshedstema",
        logged_by=world.staff,
    )
    meeting.mentors.add(mentor)

    client.force_login(world.administration)
    admin_page = client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).content.decode()
    client.force_login(world.staff)
    staff_page = client.get(reverse("offers:staff_offer", args=[world.nabo.pk])).content.decode()

    assert "Mikkelmentor" not in admin_page and "Søvnløshedstema" not in admin_page
    assert "peer-vejledere placeret her" in admin_page
    assert "Mikkelmentor" in staff_page
