"""The demo programme: every open offer of the 2016 plan gets hours and a week of activities."""

from astnet.demo import offers as demo
from astnet.demo.core import seed_plan
from offers.models import Activity, Offer, OpeningHours
from offers.selectors import week_programme, week_start


def test_every_open_offer_gets_hours_and_activities_once(db):
    seed_plan()

    demo.seed()
    counts = (OpeningHours.objects.count(), Activity.objects.count())
    demo.seed()

    assert (OpeningHours.objects.count(), Activity.objects.count()) == counts
    for offer in Offer.objects.filter(status=Offer.Status.OPEN):
        assert offer.opening_hours.exists(), offer.name
        assert offer.activities.exists(), offer.name
    assert week_programme(Activity.objects.all(), week_start(None))
    assert Offer.objects.get(name="Pegasus").closes_on == demo.PLAN_DAY
