"""The city-scale benchmark set (`seed_demo --scale city`): offers, citizens and millions of visits."""

import datetime
import random

from django.db import connection, models, transaction
from django.utils import timezone
from faker import Faker

from astnet.demo.core import create_citizens, seed_plan
from citizens.models import Citizen, Visit
from citizens.visit_months.services import visit_months_deferred
from offers.models import District, Offer, Track

CITY_OFFERS = 30
CITY_CITIZENS = 20_000
CITY_VISITS = 2_500_000
CITY_DAYS = 5 * 365


def _top_up_offers(total: int) -> list[Offer]:
    """The plan's open offers plus synthetic ones until `total` offers are open."""
    open_offers = list(Offer.objects.filter(status=Offer.Status.OPEN).select_related("district"))
    districts = list(District.objects.order_by("slug"))
    tracks = {t.lead_district_id: t for t in Track.objects.all()}
    number = 1
    while len(open_offers) < total:
        district = districts[number % len(districts)]
        offer, _created = Offer.objects.get_or_create(
            slug=f"skalatest-{number}",
            defaults={
                "name": f"Skalatest {number} ({district.name})",
                "district": district,
                "track": tracks.get(district.pk),
                "address": f"Testvej {number}",
            },
        )
        if offer not in open_offers:
            open_offers.append(offer)
        number += 1
    return open_offers[:total]


def _visit_counts(rng: random.Random, citizens: int, visits: int, days: int) -> list[int]:
    """How many visits each citizen makes: a few come daily, most now and then; sums to `visits`."""
    weights = [rng.paretovariate(1.5) for _ in range(citizens)]
    scale = visits / sum(weights)
    counts = [min(days, max(1, round(w * scale))) for w in weights]
    shortfall = visits - sum(counts)
    index = 0
    while shortfall != 0:
        step = 1 if shortfall > 0 else -1
        candidate = counts[index % citizens] + step
        if 1 <= candidate <= days:
            counts[index % citizens] = candidate
            shortfall -= step
        index += 1
    return counts


def _write_visits(rows) -> None:
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                "COPY citizens_visit (citizen_id, offer_id, day) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    batch = []
    for citizen_id, offer_id, day in rows:
        batch.append(Visit(citizen_id=citizen_id, offer_id=offer_id, day=day))
        if len(batch) == 20_000:
            Visit.objects.bulk_create(batch)
            batch.clear()
    Visit.objects.bulk_create(batch)


def _clear_citizens() -> None:
    """Remove every citizen, first the rows that protect them (e.g. a council application made by
    a demo citizen), so the benchmark set can replace the demo's register."""
    for relation in Citizen._meta.related_objects:
        if relation.on_delete is models.PROTECT:
            relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__isnull": False}
            ).delete()
    Visit.objects.all().delete()
    Citizen.objects.all().delete()


def seed_city(
    *,
    offers: int = CITY_OFFERS,
    citizens: int = CITY_CITIZENS,
    visits: int = CITY_VISITS,
    days: int = CITY_DAYS,
    progress=None,
) -> dict[str, int]:
    """The benchmark set: `offers` open offers, `citizens` citizens and `visits` visits over `days`
    days up to today. Skipped when the register already holds that set."""
    seed_plan()
    # Reused while it is that set, give or take the check-ins a benchmark run adds (1 %).
    if Citizen.objects.count() == citizens and abs(Visit.objects.count() - visits) <= visits // 100:
        return {"citizens": 0, "visits": 0}
    rng = random.Random(2016)  # noqa: S311 - synthetic data, not security
    fake = Faker("da_DK")
    fake.seed_instance(2016)
    # Millions of rows: the visit months are summed once at the end, not row by row.
    with visit_months_deferred(), transaction.atomic():
        _clear_citizens()
        open_offers = _top_up_offers(offers)
        pairs = create_citizens(fake, rng, open_offers, citizens)
        if progress:
            progress(f"{citizens} borgere oprettet")
        first_day = timezone.localdate() - datetime.timedelta(days=days - 1)
        counts = _visit_counts(rng, citizens, visits, days)

        first_visits = {}

        def rows():
            for (citizen, home), count in zip(pairs, counts, strict=True):
                offsets = rng.sample(range(days), k=count)
                first_visits[citizen.pk] = first_day + datetime.timedelta(days=min(offsets))
                for offset in offsets:
                    offer = home if rng.random() < 0.85 else rng.choice(open_offers)
                    yield (citizen.pk, offer.pk, first_day + datetime.timedelta(days=offset))

        _write_visits(rows())
        # A citizen is registered on the first visit: "new citizens" spread over the years as
        # in the real register, instead of every citizen being new today.
        Citizen.objects.bulk_update(
            [Citizen(pk=pk, created_at=_at_noon(day)) for pk, day in first_visits.items()],
            ["created_at"],
            batch_size=2000,
        )
        if progress:
            progress(f"{visits} fremmøder oprettet")
    if connection.vendor == "postgresql":
        # VACUUM sets the visibility map, without which the dashboards' index-only scans read the
        # table after all; it cannot run inside a transaction (as in a test), ANALYZE can.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} citizens_visit")
            cursor.execute(f"{command} citizens_visitmonth")
            cursor.execute(f"{command} citizens_citizen")
            cursor.execute(f"{command} citizens_citizen_home_offers")
    return {"citizens": citizens, "visits": visits}


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
