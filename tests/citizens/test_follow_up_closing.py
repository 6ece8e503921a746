"""Every path that closes a follow-up, and the reason it gives (issue 19: a follow-up is marked
"Borgeren er kommet igen" only when the citizen came)."""

import datetime
import pathlib
import re

import pytest
from django.conf import settings
from django.utils import timezone

from citizens.follow_up.services import follow_ups_close, outreach_record, refresh_follow_up
from citizens.models import FollowUp, FollowUpSetting, Outreach, Visit
from citizens.rights import services as rights_services
from citizens.services import consent_withdraw, visit_check_in, visit_undo
from tests import factories as f
from tests.citizens.factories import ConsentFactory

pytestmark = pytest.mark.django_db


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def away(world):
    """Vera: a consenting regular at Nabo, last seen 20 days ago, on the follow-up list."""
    citizen = f.CitizenFactory(chosen_name="Vera", home_offers=[world.nabo])
    f.VisitFactory(citizen=citizen, offer=world.nabo, day=_days_ago(20))
    ConsentFactory(citizen=citizen)
    refresh_follow_up()
    return citizen


def _follow_up():
    return FollowUp.objects.get()


def test_raising_the_threshold_is_not_a_return(world, away):
    FollowUpSetting.objects.create(offer=world.nabo, threshold_days=30)

    assert refresh_follow_up()["closed"] == 1

    follow_up = _follow_up()
    assert follow_up.close_reason == "no_longer_due"
    assert follow_up.get_close_reason_display() == (
        "Ikke længere aktuel efter ændret opfølgningsregel"
    )
    assert follow_up.closing_visit is None


def test_the_nightly_refresh_names_the_visit_that_closed_it(world, away):
    visit = f.VisitFactory(citizen=away, offer=world.nabo, day=timezone.localdate())

    refresh_follow_up()

    assert (_follow_up().close_reason, _follow_up().closing_visit) == ("visited", visit)


def test_a_visit_elsewhere_does_not_close_it_as_a_return(world, away):
    f.VisitFactory(citizen=away, offer=world.kompasset, day=timezone.localdate())
    FollowUpSetting.objects.create(offer=world.nabo, threshold_days=60)

    refresh_follow_up()

    assert _follow_up().close_reason == "no_longer_due"


def test_the_nightly_refresh_after_consent_ended_says_so(world, away):
    away.consents.update(withdrawn_at=timezone.now())

    refresh_follow_up()

    assert _follow_up().close_reason == "consent_withdrawn"


def test_a_closed_offer_closes_its_follow_ups_as_closed(world, away):
    world.nabo.status = "closed"
    world.nabo.save()

    refresh_follow_up()

    assert _follow_up().close_reason == "offer_closed"


def test_a_citizen_no_longer_a_regular_is_not_said_to_have_come(world, away):
    away.home_offers.clear()

    refresh_follow_up()

    assert _follow_up().close_reason == "no_longer_regular"


def test_a_check_in_closes_it_as_a_return_with_the_visit(world, away):
    visit, _created = visit_check_in(offer=world.nabo, citizen=away, by=world.staff)

    follow_up = _follow_up()
    assert (follow_up.close_reason, follow_up.closing_visit) == ("visited", visit)


def test_a_back_dated_visit_from_before_the_last_one_is_no_return(world, away):
    visit_check_in(offer=world.nabo, citizen=away, by=world.staff, day=_days_ago(25))

    assert _follow_up().closed_at is None


def test_undoing_the_check_in_reopens_the_follow_up(world, away):
    visit, _created = visit_check_in(offer=world.nabo, citizen=away, by=world.staff)

    visit_undo(visit=visit, by=world.staff)

    follow_up = _follow_up()
    assert (follow_up.closed_at, follow_up.close_reason) == (None, "")
    assert not Visit.objects.filter(pk=visit.pk).exists()


def test_withdrawing_consent_closes_it_as_withdrawn(world, away):
    consent_withdraw(consent=away.consents.get(), by=world.staff)

    assert _follow_up().close_reason == "consent_withdrawn"


def test_anonymisation_closes_it_as_anonymised(world, away):
    rights_services.anonymise(away, by=world.dpo)

    assert _follow_up().close_reason == "anonymised"


@pytest.mark.parametrize(
    ("outcome", "reason"),
    [("reached", "reached"), ("declined", "declined"), ("no_answer", ""), ("message_left", "")],
)
def test_an_outreach_closes_it_only_when_the_citizen_was_reached(world, away, outcome, reason):
    outreach_record(
        follow_up=_follow_up(), by=world.staff, on=timezone.localdate(), outcome=outcome
    )

    assert _follow_up().close_reason == reason
    assert Outreach.objects.get().outcome == outcome


def test_nothing_closes_a_follow_up_as_a_return_without_a_visit(world, away):
    with pytest.raises(ValueError, match="visit"):
        follow_ups_close(follow_ups=FollowUp.objects.all(), reason="visited")
    with pytest.raises(ValueError, match="unknown"):
        follow_ups_close(follow_ups=FollowUp.objects.all(), reason="resolved")

    assert _follow_up().closed_at is None


CLOSING_WRITE = re.compile(r"\b(closed_at|close_reason)\s*=(?!=)")


def test_only_the_follow_up_services_close_a_follow_up():
    """A new path that closes follow-ups by hand would skip the honest reason: it must call
    `follow_ups_close` instead."""
    root = pathlib.Path(settings.BASE_DIR)
    # The model declares the fields and its constraints; writes live in services (house rule).
    allowed = {root / "citizens" / "follow_up" / name for name in ("services.py", "models.py")}
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("[!.]*/**/*.py")
        if path not in allowed
        and "migrations" not in path.parts
        and path.parts[len(root.parts)] not in {"tests", "node_modules"}
        and CLOSING_WRITE.search(path.read_text())
    ]

    assert offenders == []
