"""Demo data for the users' councils: Brugerrådet i Nabo with three members, a budget for this year,
one granted application and one open for votes. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from astnet.demo.core import DEMO_COUNCIL, demo_password
from citizens.models import Citizen
from peers.councils import services, voting
from peers.councils.models import Application, Budget, Council, CouncilMember

MEMBERS = [
    ("raadsmedlem", "Rikke", "Rådsmedlem", CouncilMember.Role.CHAIR),
    ("raadsmedlem2", "Bo", "Brugerrådsen", CouncilMember.Role.MEMBER),
    ("raadsmedlem3", "Sanne", "Samvær", CouncilMember.Role.MEMBER),
]
CRITERIA = (
    "Aktiviteten er åben for alle brugere af Nabo.\n"
    "Den giver fællesskab, bevægelse eller nye oplevelser.\n"
    "Pengene går til aktiviteten, ikke til løn."
)
BUDGET_ORE = 25_000_00


@transaction.atomic
def seed() -> None:
    council = Council.objects.get(name=DEMO_COUNCIL)
    User = get_user_model()
    password = demo_password()
    seats = {}
    for username, first, last, role in MEMBERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@astnet.invalid",
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        seat = CouncilMember.objects.filter(council=council, user=user).first()
        seats[username] = seat or services.council_member_add(
            council=council, user=user, role=role, term_from=datetime.date(2025, 1, 1)
        )
    if not council.criteria.exists():
        services.criteria_publish(council=council, text=CRITERIA)
    year = timezone.localdate().year
    if not Budget.objects.filter(council=council, year=year).exists():
        services.budget_set(council=council, year=year, amount_ore=BUDGET_ORE)
    chair = seats["raadsmedlem"].user
    soon = timezone.localdate() + datetime.timedelta(days=14)
    if not Application.objects.filter(council=council, title="Tur til Bakken").exists():
        granted = services.application_create(
            council=council,
            by=seats["raadsmedlem2"].user,
            applicant_user=seats["raadsmedlem2"].user,
            applicant_first_name="Bo",
            publish_first_name=True,
            title="Tur til Bakken",
            description="En dag på Dyrehavsbakken med frokost og togbilletter.",
            amount_ore=3_200_00,
            starts_on=soon,
            beneficiaries="Alle brugere af Nabo, op til 12 personer.",
            criteria_met="Åben for alle; nye oplevelser.",
        )
        voting.vote_open(application=granted, by=chair)
        for username in ("raadsmedlem", "raadsmedlem3"):
            voting.vote_cast(application=granted, user=seats[username].user, choice="yes")
    if not Application.objects.filter(council=council, title="Fællesspisning med grønt").exists():
        staff = User.objects.filter(username="medarbejder").first()
        citizen = Citizen.objects.filter(home_offers=council.offer).order_by("pk").first()
        open_one = services.application_create(
            council=council,
            by=staff,
            applicant_citizen=citizen,
            applicant_user=None if citizen else chair,
            applicant_first_name=citizen.chosen_name.split()[0] if citizen else chair.first_name,
            title="Fællesspisning med grønt",
            description="Råvarer til fire fællesspisninger, hvor brugerne laver maden sammen.",
            amount_ore=1_800_00,
            starts_on=soon,
            beneficiaries="Brugerne, der kommer torsdag aften.",
        )
        voting.vote_open(application=open_one, by=chair)
