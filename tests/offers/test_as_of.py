"""Issue 18, point 1: every view of an offer for a date shows the offer as of that date — one
function (offers/as_of.py) asked by the offer page, /tilbud/, /program/, the PDFs, the feeds, the
omstilling and the dashboards. One test per place, and the function itself against its SQL twin."""

import datetime
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from astnet.models import AuditEvent
from offers import services
from offers.as_of import offer_on, open_on_q, status_on
from offers.models import Offer, OfferAddressChange, OpeningHours
from offers.tasks import apply_scheduled_changes
from tests import factories as f
from tests.offers.factories import ActivityFactory, OpeningHoursFactory

TODAY = timezone.localdate()
MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday())
# The offer closes on a Thursday two weeks ahead; four weeks ahead it is closed.
CLOSES_ON = MONDAY + datetime.timedelta(days=17)
AFTER = MONDAY + datetime.timedelta(weeks=4)


def week(monday: datetime.date) -> str:
    year, number, _day = monday.isocalendar()
    return f"{year}-W{number:02d}"


def pdf_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def closing(world):
    """Nabo closes on CLOSES_ON, replaced by Kompasset, with a Monday fællesspisning."""
    offer = world.nabo
    offer.closes_on, offer.replaced_by = CLOSES_ON, world.kompasset
    offer.status = Offer.Status.CLOSING
    offer.save()
    ActivityFactory(offer=offer, title="Mandagsspisning", weekday=0)
    return offer


# --- the function -------------------------------------------------------------------------------

DATES = st.one_of(st.none(), st.dates(datetime.date(2016, 1, 1), datetime.date(2030, 12, 31)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    opens_on=DATES,
    closes_on=DATES,
    status=st.sampled_from(Offer.Status.values),
    day=st.dates(datetime.date(2016, 1, 1), datetime.date(2030, 12, 31)),
)
def test_the_python_answer_and_the_database_filter_agree(db, opens_on, closes_on, status, day):
    if opens_on and closes_on and closes_on < opens_on:
        opens_on, closes_on = closes_on, opens_on
    offer = f.OfferFactory(opens_on=opens_on, closes_on=closes_on, status=status)

    in_sql = Offer.objects.filter(open_on_q(day), pk=offer.pk).exists()

    assert in_sql == (status_on(offer, day) in (Offer.Status.OPEN, Offer.Status.CLOSING))
    offer.delete()


def test_status_follows_the_dates(world):
    offer = f.OfferFactory(opens_on=MONDAY, closes_on=CLOSES_ON, status=Offer.Status.PLANNED)

    assert status_on(offer, MONDAY - datetime.timedelta(days=1)) == Offer.Status.PLANNED
    assert status_on(offer, MONDAY) == Offer.Status.CLOSING
    assert status_on(offer, CLOSES_ON - datetime.timedelta(days=1)) == Offer.Status.CLOSING
    assert status_on(offer, CLOSES_ON) == Offer.Status.CLOSED


def test_a_move_for_a_later_day_is_scheduled_not_applied(world):
    offer = Offer.objects.get(pk=world.kompasset.pk)
    old = offer.address
    offer.address = "Sundholmsvej 8"
    moving_day = TODAY + datetime.timedelta(days=10)

    services.offer_update(offer=offer, target_groups=[], by=world.leader, moved_on=moving_day)

    offer = Offer.objects.prefetch_related("address_changes", "opening_hours").get(pk=offer.pk)
    assert offer.address == old
    assert offer_on(offer, TODAY).address == old
    assert offer_on(offer, TODAY).next_move.new_address == "Sundholmsvej 8"
    assert offer_on(offer, moving_day).address == "Sundholmsvej 8"

    assert services.apply_scheduled_changes(today=moving_day) == 1

    offer.refresh_from_db()
    assert offer.address == "Sundholmsvej 8"
    assert AuditEvent.objects.filter(detail__contains="planlagt ændring").exists()


def test_new_hours_from_a_later_day_keep_the_old_hours_until_then(client, world):
    period = OpeningHoursFactory(offer=world.nabo, weekday=0, opens=datetime.time(10))
    from_day = MONDAY + datetime.timedelta(weeks=2)
    client.force_login(world.staff)

    response = client.post(
        reverse("offers:hours_edit", args=[period.pk]),
        {"weekday": "0", "opens": "12:00", "closes": "16:00", "valid_from": from_day.isoformat()},
    )

    assert response.status_code == 302
    old, new = OpeningHours.objects.filter(offer=world.nabo).order_by("opens")
    assert (old.opens, old.valid_until) == (
        datetime.time(10),
        from_day - datetime.timedelta(days=1),
    )
    assert (new.opens, new.valid_from) == (datetime.time(12), from_day)
    detail = reverse("offers_public:offer_detail", args=["nabo"])
    this_week = client.get(detail).content.decode()
    that_week = client.get(detail, {"uge": week(from_day)}).content.decode()
    assert "10.00–16.00" in this_week and "12.00–16.00" not in this_week
    assert "12.00–16.00" in that_week and "10.00–16.00" not in that_week


# --- each place ---------------------------------------------------------------------------------


def test_offer_page_shows_the_offer_of_the_week_asked_for(client, world):
    closing(world)
    url = reverse("offers_public:offer_detail", args=["nabo"])

    now = client.get(url).content.decode()
    later = client.get(url, {"uge": week(AFTER)}).content.decode()

    assert "Tilbuddet lukker" in now and "Mandagsspisning" in now
    assert "Tilbuddet lukkede" in later and "Kompasset" in later
    assert "Mandagsspisning" not in later


def test_offer_list_leaves_out_offers_not_open_today(client, world):
    f.OfferFactory(
        name="Kommer snart", district=world.amager, opens_on=TODAY + datetime.timedelta(days=3)
    )
    f.OfferFactory(
        name="Lukket i går", district=world.amager, closes_on=TODAY, status=Offer.Status.CLOSING
    )

    page = client.get(reverse("offers_public:offer_list")).content.decode()

    assert "Nabo" in page
    assert "Kommer snart" not in page
    assert "Lukket i går" not in page


def test_programme_drops_a_closed_offers_activities_from_its_closing_day(client, world):
    closing(world)
    url = reverse("offers_public:programme")

    assert "Mandagsspisning" in client.get(url, {"uge": week(MONDAY)}).content.decode()
    assert "Mandagsspisning" not in client.get(url, {"uge": week(AFTER)}).content.decode()


def test_programme_shows_a_planned_offer_from_its_opening_day(client, world):
    opening = MONDAY + datetime.timedelta(weeks=2)
    planned = f.OfferFactory(district=world.amager, opens_on=opening, status=Offer.Status.PLANNED)
    ActivityFactory(offer=planned, title="Første café", weekday=0)
    url = reverse("offers_public:programme")

    assert "Første café" not in client.get(url, {"uge": week(MONDAY)}).content.decode()
    assert "Første café" in client.get(url, {"uge": week(opening)}).content.decode()


def test_pdfs_after_the_closing_day_print_no_activities_and_say_closed(client, world):
    closing(world)

    offer_pdf = client.get(reverse("offers_public:offer_pdf", args=["nabo"]), {"uge": week(AFTER)})
    district_pdf = client.get(
        reverse("offers_public:district_pdf", args=["amager"]), {"uge": week(AFTER)}
    )

    assert "Mandagsspisning" not in pdf_text(offer_pdf)
    assert "Lukket" in pdf_text(offer_pdf)
    assert "Mandagsspisning" not in pdf_text(district_pdf)


def test_the_feed_stops_the_day_before_the_closing_day(client, world):
    closing(world)

    feed = Calendar.from_ical(
        client.get(reverse("offers_public:offer_calendar", args=["nabo"])).content
    )

    (event,) = feed.walk("VEVENT")
    until = event["rrule"]["UNTIL"][0]
    local_until = until.astimezone(timezone.get_current_timezone()).date()
    assert local_until == CLOSES_ON - datetime.timedelta(days=1)


def test_the_feed_starts_on_the_opening_day_and_gives_each_day_its_address(client, world):
    offer = world.kompasset
    offer.opens_on = MONDAY - datetime.timedelta(weeks=1)
    offer.save()
    ActivityFactory(offer=offer, title="Værksted", weekday=1, starts_on=datetime.date(2024, 1, 1))
    moving_day = MONDAY + datetime.timedelta(weeks=3)
    OfferAddressChange.objects.create(
        offer=offer,
        changed_on=moving_day,
        old_address=offer.address,
        new_address="Hørsholmsgade 20",
    )

    feed = Calendar.from_ical(
        client.get(reverse("offers_public:offer_calendar", args=[offer.slug])).content
    )

    before, after = sorted(feed.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert before.decoded("dtstart").date() == offer.opens_on + datetime.timedelta(days=1)
    assert str(before["location"]) == f"Kompasset, {offer.address}"
    assert (
        before["rrule"]["UNTIL"][0].astimezone(timezone.get_current_timezone()).date() < moving_day
    )
    assert after.decoded("dtstart").date() == moving_day + datetime.timedelta(days=1)
    assert str(after["location"]) == "Kompasset, Hørsholmsgade 20"
    assert "UNTIL" not in after["rrule"]


def test_closing_asks_for_a_date_and_a_confirmation_and_shows_in_the_omstilling(client, world):
    client.force_login(world.leader)
    url = reverse("offers:offer_close", args=[world.nabo.pk])

    missing = client.post(url, {})
    asked = client.post(
        url, {"closes_on": CLOSES_ON.isoformat(), "replaced_by": world.kompasset.pk}
    )

    assert missing.status_code == 400
    assert "Angiv den dag tilbuddet lukker." in missing.content.decode()
    assert "Ja, luk tilbuddet" in asked.content.decode()
    world.nabo.refresh_from_db()
    assert world.nabo.closes_on is None

    done = client.post(
        url,
        {"closes_on": CLOSES_ON.isoformat(), "replaced_by": world.kompasset.pk, "confirmed": "on"},
    )

    assert done.status_code == 302
    world.nabo.refresh_from_db()
    assert (world.nabo.closes_on, world.nabo.status) == (CLOSES_ON, Offer.Status.CLOSING)
    transition = client.get(done["Location"])
    (amager,) = [e for e in transition.context["districts"] if e["district"].slug == "amager"]
    assert [offer.name for offer in amager["closed"]] == ["Nabo"]
    assert "Kompasset" in transition.content.decode()


def test_staff_cannot_close_an_offer(client, world):
    client.force_login(world.staff)

    assert client.get(reverse("offers:offer_close", args=[world.nabo.pk])).status_code == 403


def test_dashboard_counts_the_offers_open_on_the_periods_last_day(client, world):
    closing(world)
    client.force_login(world.administration)
    url = reverse("dashboards:city")

    def open_offers(period_to):
        response = client.get(
            url, {"period_from": "2026-01-01", "period_to": period_to.isoformat()}
        )
        figure = response.context["dashboard"].figure("bydele")
        row = figure.row_labels.index("Center Amager")
        return figure.values[row][3]

    assert open_offers(CLOSES_ON - datetime.timedelta(days=1)) == 2
    assert open_offers(CLOSES_ON) == 1


def test_the_nightly_task_applies_a_scheduled_opening(world):
    planned = f.OfferFactory(opens_on=TODAY, status=Offer.Status.PLANNED)

    assert apply_scheduled_changes.delay().get() >= 1

    planned.refresh_from_db()
    assert planned.status == Offer.Status.OPEN


def test_hours_in_different_date_spans_may_share_a_time_but_not_overlap_in_one(world):
    OpeningHoursFactory(offer=world.nabo, weekday=2, valid_until=MONDAY)
    later = OpeningHours(
        offer=world.nabo,
        weekday=2,
        opens=datetime.time(10),
        closes=datetime.time(16),
        valid_from=MONDAY + datetime.timedelta(days=1),
    )
    later.full_clean()
    later.save()
    overlapping = OpeningHours(
        offer=world.nabo, weekday=2, opens=datetime.time(11), closes=datetime.time(12)
    )

    with pytest.raises(ValidationError, match="overlapper"):
        overlapping.full_clean()
