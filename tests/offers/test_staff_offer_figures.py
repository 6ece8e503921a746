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
