"""Demo and benchmark data: the 2016 plan's districts and offers, a user per role, synthetic citizens.

Everything here is idempotent: running it twice leaves the same data as running it once.
"""

import datetime
import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from faker import Faker

from astnet.models import Membership, Role
from citizens import courses_demo
from citizens import demo as citizens_demo
from citizens.models import Citizen, Visit
from offers import demo as offers_demo
from offers import plan_2016
from offers.models import District, Offer, Track
from peers.models import Council
from workshops import demo as workshops_demo

DEMO_DISTRICT = "amager"
DEMO_OFFER = "Nabo"
DEMO_COUNCIL = "Brugerrådet i Nabo"

_STATUS_FROM_PLAN = {
    "open": Offer.Status.OPEN,
    "new": Offer.Status.OPEN,
    "closed": Offer.Status.CLOSED,
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    role: str


DEMO_LOGINS = [
    DemoLogin("medarbejder", "Mette Medarbejder", Role.STAFF),
    DemoLogin("leder", "Lars Leder", Role.LEADER),
    DemoLogin("raadsmedlem", "Rikke Rådsmedlem", Role.COUNCIL_MEMBER),
    DemoLogin("peer", "Peter Peer", Role.PEER_MENTOR),
    DemoLogin("administration", "Anna Administration", Role.ADMINISTRATION),
    DemoLogin("databeskyttelse", "Dorte Databeskyttelse", Role.DATA_PROTECTION_OFFICER),
]


# Further demo logins the apps' own seeds create, with the same password.
EXTRA_LOGINS = [
    ("koordinator", _("Centerleder i Center Nordvest: peer-uddannelsen")),
    ("raadsmedlem2", _("Rådsmedlem i Brugerrådet i Nabo")),
    ("raadsmedlem3", _("Rådsmedlem i Brugerrådet i Nabo")),
]


def demo_password() -> str:
    """DEMO_PASSWORD if set; otherwise one generated per installation and kept under var/."""
    if getattr(settings, "DEMO_PASSWORD", ""):
        return settings.DEMO_PASSWORD
    stored = Path(settings.VAR_DIR) / "demo-password"
    if stored.exists():
        return stored.read_text().strip()
    stored.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    stored.write_text(password)
    stored.chmod(0o600)
    return password


@transaction.atomic
def seed_plan() -> None:
    """Districts, their tracks and every offer of the 2016 plan, with satellites and replacements."""
    for spec in plan_2016.DISTRICTS:
        district, _created = District.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"]}
        )
        Track.objects.update_or_create(
            slug=slugify(spec["track"]),
            defaults={
                "name": spec["track"],
                "description": spec["track_description"],
                "lead_district": district,
            },
        )
    districts = {d.slug: d for d in District.objects.all()}
    tracks = {t.lead_district.slug: t for t in Track.objects.select_related("lead_district")}
    for (
        district_slug,
        name,
        address,
        kind,
        operator,
        profile,
        status,
        note,
        _rep,
    ) in plan_2016.OFFERS:
        satellite = name in plan_2016.SATELLITES
        Offer.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "district": districts[district_slug],
                "track": tracks[district_slug],
                "address": address,
                "has_fixed_address": bool(address) and not satellite,
                "places_visited": plan_2016.SATELLITE_PLACES.get(name, ""),
                "operator_kind": kind,
                "operator_name": operator,
                "profile": profile or Offer.Profile.BOTH,
                "status": _STATUS_FROM_PLAN[status],
                "plan_note": note,
            },
        )
    by_name = {o.name: o for o in Offer.objects.all()}
    for _d, name, *_rest, replaced_by in plan_2016.OFFERS:
        changes = {}
        if replaced_by:
            changes["replaced_by"] = by_name[replaced_by]
        if name in plan_2016.SATELLITES:
            changes["parent"] = by_name[plan_2016.SATELLITES[name]]
        if changes:
            Offer.objects.filter(pk=by_name[name].pk).update(**changes)


@transaction.atomic
def seed_users(password: str) -> list[DemoLogin]:
    """One user per role, each with the membership that role needs at Nabo on Amager."""
    offer = Offer.objects.get(name=DEMO_OFFER)
    council, _created = Council.objects.get_or_create(
        name=DEMO_COUNCIL,
        defaults={"kind": Council.Kind.USERS_COUNCIL, "scope": Council.Scope.OFFER, "offer": offer},
    )
    places = {
        Role.STAFF: {"offer": offer},
        Role.LEADER: {"district": offer.district},
        Role.COUNCIL_MEMBER: {"council": council},
    }
    User = get_user_model()
    for login in DEMO_LOGINS:
        first, last = login.full_name.split(" ", 1)
        user, _created = User.objects.get_or_create(
            username=login.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{login.username}@astnet.invalid",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, role=login.role, **places.get(login.role, {}))
    return DEMO_LOGINS


def _create_citizens(fake: Faker, rng: random.Random, offers: list[Offer], count: int):
    """`count` citizens, each with one home offer; returns (citizen, home offer) pairs."""
    homes = [rng.choice(offers) for _ in range(count)]
    citizens = Citizen.objects.bulk_create(
        (
            Citizen(
                chosen_name=fake.first_name(),
                birth_year=rng.randint(1950, 2005),
                district=home.district,
            )
            for home in homes
        ),
        batch_size=2000,
    )
    Through = Citizen.home_offers.through
    Through.objects.bulk_create(
        (Through(citizen_id=c.pk, offer_id=h.pk) for c, h in zip(citizens, homes, strict=True)),
        batch_size=5000,
    )
    return list(zip(citizens, homes, strict=True))


def seed_citizens(*, count: int = 150, days: int = 60) -> int:
    """Synthetic citizens with visits over the last `days` days; only into an empty register."""
    if Citizen.objects.exists():
        return 0
    rng = random.Random(2016)  # noqa: S311 - synthetic data, not security
    fake = Faker("da_DK")
    fake.seed_instance(2016)
    offers = list(Offer.objects.filter(status=Offer.Status.OPEN).select_related("district"))
    today = timezone.localdate()
    with transaction.atomic():
        pairs = _create_citizens(fake, rng, offers, count)
        Visit.objects.bulk_create(
            (
                Visit(citizen=citizen, offer=home, day=today - datetime.timedelta(days=offset))
                for citizen, home in pairs
                for offset in rng.sample(range(days), k=rng.randint(1, min(days, 25)))
            ),
            batch_size=2000,
        )
    return count


def seed_demo(*, progress=None) -> tuple[list[DemoLogin], str]:
    """The demo site (idempotent); returns the demo logins and their password.

    `progress`, if given, is called with one Danish line before each step: the whole run takes
    minutes and must not look frozen (issue 17).
    """
    from astnet import dashboard_demo
    from peers import demo as peers_demo  # imports this module: loaded late to avoid a cycle
    from peers import mentors_demo  # imports this module: loaded late to avoid a cycle

    password = demo_password()
    logins: list[DemoLogin] = []

    def users() -> None:
        logins.extend(seed_users(password))

    steps = [
        ("Tilbud, bydele og spor fra planen", seed_plan),
        ("Demobrugere", users),
        ("Borgere og fremmøder", seed_citizens),
        ("Brugerråd", peers_demo.seed),
        ("Aktiviteter og åbningstider", offers_demo.seed),
        ("Workshops", workshops_demo.seed),
        ("Forventningssamtaler og samtykker", citizens_demo.seed),
        ("Peer-vejledere", mentors_demo.seed),
        ("Forløb", courses_demo.seed),
        ("Nøgletal", dashboard_demo.seed),
    ]
    for number, (label, step) in enumerate(steps, start=1):
        if progress is not None:
            progress(f"[{number}/{len(steps)}] {label} …")
        step()
    return logins, password


# --- the benchmark set (seed_demo --scale city) ------------------------------------------------

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
    with transaction.atomic():
        _clear_citizens()
        open_offers = _top_up_offers(offers)
        pairs = _create_citizens(fake, rng, open_offers, citizens)
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
            cursor.execute(f"{command} citizens_citizen")
            cursor.execute(f"{command} citizens_citizen_home_offers")
    return {"citizens": citizens, "visits": visits}


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
