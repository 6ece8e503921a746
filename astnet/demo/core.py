"""What every demo module builds on: the demo password and logins, the 2016 plan's districts and
offers, a user per role at Nabo on Amager, and synthetic citizens with visits.

Everything here is idempotent: running it twice leaves the same data as running it once.
"""

import datetime
import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from faker import Faker

from astnet.demo import plan_2016
from astnet.models import Membership, Role
from astnet.slugs import slugify
from citizens.models import Citizen, Visit
from offers.models import District, Offer, Track
from peers.models import Council

# The municipality record's words for Copenhagen (the same as migration astnet 0012 keeps).
COPENHAGEN = {
    "name": "København",
    "administration": "Københavns Kommune, Socialforvaltningen",
    "committee": "Socialudvalget",
    "whole": "byen",
    "area": "bydel",
    "area_plural": "bydele",
    "area_definite": "bydelen",
    "area_plural_definite": "bydelene",
}

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
    ("koordinator", _("Uddannelseskoordinator; centerleder i Center Nordvest")),
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


def create_citizens(fake: Faker, rng: random.Random, offers: list[Offer], count: int):
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
        pairs = create_citizens(fake, rng, offers, count)
        Visit.objects.bulk_create(
            (
                Visit(citizen=citizen, offer=home, day=today - datetime.timedelta(days=offset))
                for citizen, home in pairs
                for offset in rng.sample(range(days), k=rng.randint(1, min(days, 25)))
            ),
            batch_size=2000,
        )
    return count
