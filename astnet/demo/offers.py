"""Demo programme: opening hours and a week of activities for every open offer of the 2016 plan,
plus the plan's dates so the omstilling view has something to show. Idempotent."""

import datetime

from django.db import transaction

from astnet.demo import plan_2016
from offers.models import Activity, Offer, OpeningHours, TargetGroup

# The plan took effect at the turn of the year; the demo dates its openings and closings there.
PLAN_DAY = datetime.date(2017, 1, 1)
# Weekly activities run from a Monday well in the past, so every week of the demo has them.
SEASON_START = datetime.date(2024, 1, 1)

TARGET_GROUPS = {
    "unge": "Unge",
    "aeldre": "Ældre brugere",
    "minoritet": "Anden etnisk baggrund",
}
_TARGETS = {
    "Griffenfeldsgade 35": ["unge"],
    "Hørsholmsgade 20": ["unge"],
    "Rantzausgade": ["aeldre"],
    "Kontakten": ["minoritet"],
}
_STEP_FREE = {"Nabo", "Kompasset", "Kontaktcenteret", "Mamma Mia", "Pinta", "Ottilia"}


def _t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


# Usual hours: weekdays in the day, a late opening, and a brugerstyret Saturday for some.
_HOURS = [(day, "10:00", "16:00", False) for day in range(4)] + [(4, "10:00", "14:00", False)]
_LATE = (2, "16:00", "20:00", True)
_WEEKEND = (5, "11:00", "15:00", True)
_SATELLITE_HOURS = [(1, "13:00", "16:00", False), (3, "13:00", "16:00", False)]

# (weekday, start, end, title, kind, place, user_run, with_volunteers, signup, capacity, price øre)
_ACTIVITIES = [
    (
        0,
        "12:00",
        "13:00",
        "Fællesspisning",
        "faellesspisning",
        "at_offer",
        False,
        True,
        False,
        None,
        2500,
    ),
    (1, "10:30", "12:00", "Gåtur i nærområdet", "motion", "out", False, False, False, None, 0),
    (
        1,
        "13:00",
        "15:00",
        "Kreativt værksted",
        "vaerksted",
        "at_offer",
        True,
        False,
        False,
        None,
        0,
    ),
    (
        2,
        "10:00",
        "11:30",
        "Samtalegruppe om søvn og hverdag",
        "samtalegruppe",
        "at_offer",
        False,
        False,
        True,
        8,
        0,
    ),
    (
        2,
        "17:00",
        "19:00",
        "Brugerstyret aftencafé",
        "faellesspisning",
        "at_offer",
        True,
        True,
        False,
        None,
        2000,
    ),
    (
        3,
        "13:00",
        "15:00",
        "Madkursus: sund mad for få penge",
        "kursus",
        "at_offer",
        False,
        False,
        True,
        10,
        1500,
    ),
    (4, "10:00", "13:00", "Udflugt", "udflugt", "out", False, True, True, 12, 0),
]
_SATELLITE_ACTIVITIES = [
    (
        1,
        "13:00",
        "16:00",
        "Kaffe og samvær i boligområdet",
        "faellesspisning",
        "out",
        False,
        True,
        False,
        None,
        0,
    ),
    (
        3,
        "13:00",
        "16:00",
        "Hverdagssnak og brætspil",
        "samtalegruppe",
        "out",
        True,
        False,
        False,
        None,
        0,
    ),
]


@transaction.atomic
def seed() -> None:
    _seed_plan_dates()
    groups = {
        slug: TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TARGET_GROUPS.items()
    }
    for offer in Offer.objects.filter(status=Offer.Status.OPEN):
        satellite = offer.parent_id is not None or not offer.has_fixed_address
        if offer.name in _TARGETS and not offer.target_groups.exists():
            offer.target_groups.set([groups[slug] for slug in _TARGETS[offer.name]])
        if offer.name in _STEP_FREE and not offer.step_free:
            Offer.objects.filter(pk=offer.pk).update(step_free=True)
        if not offer.opening_hours.exists():
            _seed_hours(offer, satellite)
        if not offer.activities.exists():
            _seed_activities(offer, satellite)


def _seed_plan_dates() -> None:
    for _district, name, _address, _kind, _operator, _profile, status, *_rest in plan_2016.OFFERS:
        if status == "new":
            Offer.objects.filter(name=name, opens_on__isnull=True).update(opens_on=PLAN_DAY)
        elif status == "closed":
            Offer.objects.filter(name=name, closes_on__isnull=True).update(closes_on=PLAN_DAY)


def _seed_hours(offer: Offer, satellite: bool) -> None:
    if satellite:
        rows = _SATELLITE_HOURS
    else:
        rows = [*_HOURS, _LATE] + ([_WEEKEND] if offer.pk % 2 == 0 else [])
    OpeningHours.objects.bulk_create(
        OpeningHours(
            offer=offer, weekday=day, opens=_t(opens), closes=_t(closes), user_run=user_run
        )
        for day, opens, closes, user_run in rows
    )


def _seed_activities(offer: Offer, satellite: bool) -> None:
    rows = _SATELLITE_ACTIVITIES if satellite else _ACTIVITIES
    places = offer.places_visited.splitlines()
    activities = []
    for index, row in enumerate(rows):
        day, start, end, title, kind, place, user_run, volunteers, signup, capacity, price = row
        note = ""
        if place == "out":
            note = places[index % len(places)] if places else "Mødested: foran huset"
        activities.append(
            Activity(
                offer=offer,
                title=title,
                kind=kind,
                schedule=Activity.Schedule.WEEKLY,
                weekday=day,
                starts_on=SEASON_START,
                start_time=_t(start),
                end_time=_t(end),
                place=place,
                place_note=note,
                user_run=user_run,
                with_volunteers=volunteers,
                signup_required=signup,
                capacity=capacity,
                price_ore=price,
            )
        )
    Activity.objects.bulk_create(activities)
