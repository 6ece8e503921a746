"""Who runs the peer training is a membership, not a district's slug (issue 21): Haderslev's
coordinator, leader of an area with no Copenhagen slug, gets cohorts, certification and targets."""

from django.urls import reverse
from django.utils import timezone

from astnet.models import Membership, Role
from peers.mentors.models import TrainingCohort, YearlyTarget
from tests import factories as f
from tests.mentors import factories as mf


def _haderslev_coordinator(*, with_role: bool = True):
    area = f.DistrictFactory(name="Haderslev", slug="haderslev")
    leader = f.member(Role.LEADER, district=area, username="hanne", first_name="Hanne")
    if with_role:
        Membership.objects.create(user=leader, role=Role.TRAINING_COORDINATOR)
    return leader


def test_haderslevs_coordinator_runs_cohorts_certification_and_targets(client, db):
    coordinator = _haderslev_coordinator()
    cohort = mf.TrainingCohortFactory(name="Hold Haderslev 2026")
    client.force_login(coordinator)

    assert "Hold Haderslev 2026" in client.get(reverse("mentors:cohorts")).content.decode()
    assert client.get(reverse("mentors:cohort_detail", args=[cohort.pk])).status_code == 200
    assert client.get(reverse("mentors:certification")).status_code == 200
    year = timezone.localdate().year
    response = client.post(reverse("mentors:target"), {"year": year, "target_trained": 6})

    assert response.status_code in {200, 302}
    assert YearlyTarget.objects.get(year=year).target_trained == 6


def test_a_leader_without_the_role_is_sent_to_the_hub(client, db):
    leader = _haderslev_coordinator(with_role=False)
    cohort = mf.TrainingCohortFactory()
    client.force_login(leader)

    assert client.get(reverse("mentors:cohorts")).url == reverse("mentors:index")
    assert client.get(reverse("mentors:cohort_detail", args=[cohort.pk])).status_code == 404
    client.post(reverse("mentors:target"), {"year": 2026, "target_trained": 6})
    assert not YearlyTarget.objects.exists()
    assert TrainingCohort.objects.count() == 1


def test_the_role_alone_opens_the_training_and_lands_there_after_login(client, db):
    coordinator = f.member(Role.TRAINING_COORDINATOR, username="kim")
    client.force_login(coordinator)

    assert client.get(reverse("home")).url == reverse("mentors:index")
    assert client.get(reverse("mentors:cohorts")).status_code == 200
    assert reverse("mentors:index") in client.get(reverse("mentors:index")).content.decode()
