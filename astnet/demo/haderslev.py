"""Haderslev's demo (issue 21, `seed_demo --municipality haderslev`): the five drop-ins (væresteder)
of the SIV project 2013–2016 in Haderslev and Vojens (seed 002), their hours and activities, the
citizens' committee that grants team-based activities from a budget, and a user per role.

From the seed: the drop-ins' names and target groups, Brugerhuset and Parasollen sharing a house,
Parasollen run by KFUM, activities "formuleret og styret af borgerne", applied for by citizens only
and granted by the citizens' own representatives by criteria they set, within a budget. Not in the
seed, and so demo values to be replaced by the municipality's own: which town each drop-in is in
(Kolibrien in Vojens, the rest in Haderslev), the addresses (only the town is given), the hours, the
budget and the committee's name. Meant for an empty database; idempotent like the Copenhagen demo.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from astnet.demo.core import DemoLogin, demo_password, seed_citizens
from astnet.models import Membership, Municipality, Role
from citizens.models import (
    CaseworkHours,
    CaseworkPartner,
    Citizen,
    Consultation,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from offers.models import Activity, District, Offer, OpeningHours, TargetGroup, Track
from peers.councils import services, voting
from peers.councils.models import Application, Budget, Council, CouncilMember
from peers.mentors.models import PeerMentor

WORDS = {
    "name": "Haderslev",
    "administration": "Haderslev Kommune",
    # The seed sends its recommendation to "de politiske udvalg" without naming one.
    "committee": "de politiske udvalg",
    "whole": "kommunen",
    "area": "område",
    "area_plural": "områder",
    "area_definite": "området",
    "area_plural_definite": "områderne",
}

AREAS = {"haderslev": "Haderslev", "vojens": "Vojens"}
TRACK = {
    "slug": "holdbaserede-aktiviteter",
    "name": "Holdbaserede aktiviteter med progression",
    "description": (
        "Aktiviteter formuleret og styret af borgerne, fra værested til vækstrum: kompetencer og "
        "netværk gennem forløb på hold."
    ),
    "lead_area": "haderslev",
}
TARGET_GROUPS = {
    "socialt-udsatte": "Socialt udsatte",
    "psykiatrisk-baggrund": "Psykiatrisk baggrund",
}
SHARED_HOUSE = "Brugerhuset og Parasollens fælles hus, Haderslev"
# name, area, address, operator kind, operator, profile, target groups
DROP_INS = [
    (
        "Borger Cafeen",
        "haderslev",
        "Haderslev",
        Offer.OperatorKind.MUNICIPAL,
        "Haderslev Kommune",
        Offer.Profile.SOCIAL,
        ["socialt-udsatte"],
    ),
    (
        "Regnbuen",
        "haderslev",
        "Haderslev",
        Offer.OperatorKind.MUNICIPAL,
        "Haderslev Kommune",
        Offer.Profile.SOCIAL,
        ["socialt-udsatte"],
    ),
    (
        "Kolibrien",
        "vojens",
        "Vojens",
        Offer.OperatorKind.MUNICIPAL,
        "Haderslev Kommune",
        Offer.Profile.BOTH,
        ["psykiatrisk-baggrund"],
    ),
    (
        "Brugerhuset",
        "haderslev",
        SHARED_HOUSE,
        Offer.OperatorKind.MUNICIPAL,
        "Haderslev Kommune",
        Offer.Profile.BOTH,
        ["psykiatrisk-baggrund"],
    ),
    (
        "Parasollen",
        "haderslev",
        SHARED_HOUSE,
        Offer.OperatorKind.INDEPENDENT,
        "KFUM",
        Offer.Profile.BOTH,
        ["socialt-udsatte", "psykiatrisk-baggrund"],
    ),
]
STAFF_OFFER = "Regnbuen"

# weekday (0 = Monday), opens, closes
HOURS = [(day, "09:00", "15:00") for day in range(4)] + [(4, "09:00", "13:00")]
# weekday, start, end, title, kind, user-run
ACTIVITIES = [
    (0, "12:00", "13:00", "Fællesspisning", "faellesspisning", False),
    (1, "10:00", "11:00", "NADA-akupunktur", "andet", False),
    (
        2,
        "13:00",
        "15:00",
        "Fremtidsværksted: borgere og medarbejdere om nye aktiviteter",
        "vaerksted",
        True,
    ),
    (3, "10:00", "11:30", "Kostvejledning", "kursus", False),
]
SEASON_START = datetime.date(2024, 1, 1)

COUNCIL = "Borgerudvalget for holdbaserede aktiviteter"
CRITERIA = (
    "Kun borgere søger; en medarbejder må hjælpe med ansøgningen.\n"
    "Aktiviteten foregår på hold og giver kompetencer eller netværk.\n"
    "Aktiviteten er formuleret og styres af borgerne selv."
)
BUDGET_ORE = 40_000_00

LOGINS = [
    DemoLogin("medarbejder", "Maja Medarbejder", Role.STAFF),
    DemoLogin("leder", "Leif Leder", Role.LEADER),
    DemoLogin("raadsmedlem", "Rasmus Rådsmedlem", Role.COUNCIL_MEMBER),
    DemoLogin("peer", "Pia Peer", Role.PEER_MENTOR),
    DemoLogin("administration", "Astrid Administration", Role.ADMINISTRATION),
    DemoLogin("databeskyttelse", "Dan Databeskyttelse", Role.DATA_PROTECTION_OFFICER),
    DemoLogin("koordinator", "Karin Koordinator", Role.TRAINING_COORDINATOR),
]
# Further seats on the committee, with the same password.
MEMBERS = [
    ("raadsmedlem", CouncilMember.Role.CHAIR),
    ("raadsmedlem2", CouncilMember.Role.MEMBER),
    ("raadsmedlem3", CouncilMember.Role.MEMBER),
]
EXTRA_NAMES = {"raadsmedlem2": "Birgit Borger", "raadsmedlem3": "Søren Sønderby"}
EXTRA_LOGINS = [
    (username, format_lazy("{} {}", _("Medlem af"), COUNCIL)) for username in EXTRA_NAMES
]


def seed() -> tuple[list[DemoLogin], str]:
    """Haderslev's whole demo; returns the logins (one per role) and their password."""
    password = demo_password()
    Municipality.objects.update_or_create(pk=1, defaults=WORDS)
    _seed_places()
    users = _seed_users(password)
    seed_citizens(count=60)
    _seed_council(users, password)
    _seed_outreach(users)
    _seed_satisfaction()
    return LOGINS, password


# Fremskudt sagsbehandling (seed 002): the benefits centre, the job centre and the disability and
# psychiatry authority, "2 timer på hvert værested (Brugerhuset og Parasollen i samme hus)" in a
# joint team. The weekday and time at each house are demo values.
PARTNERS = ["Ydelsescentret", "Jobcentret", "Myndighed for Handicap og Psykiatri"]
OUTREACH_HOURS = {
    "Borger Cafeen": (0, "10:00", "12:00"),
    "Regnbuen": (1, "10:00", "12:00"),
    "Kolibrien": (2, "10:00", "12:00"),
    "Brugerhuset": (3, "10:00", "12:00"),
}
# Consultations booked in the last weeks per house (demo counts, two partners each).
CONSULTATIONS_PER_HOUSE = 6


@transaction.atomic
def _seed_outreach(users: dict) -> None:
    if CaseworkHours.objects.exists():
        return
    partners = [CaseworkPartner.objects.get_or_create(name=name)[0] for name in PARTNERS]
    citizens = list(Citizen.objects.order_by("pk")[: CONSULTATIONS_PER_HOUSE * 2])
    today = timezone.localdate()
    for name, (weekday, start, end) in OUTREACH_HOURS.items():
        offer = Offer.objects.get(name=name)
        hours = [
            CaseworkHours.objects.create(
                offer=offer,
                partner=partner,
                weekday=weekday,
                starts_at=datetime.time.fromisoformat(start),
                ends_at=datetime.time.fromisoformat(end),
            )
            for partner in partners
        ]
        last = today - datetime.timedelta(days=(today.weekday() - weekday) % 7 or 7)
        Consultation.objects.bulk_create(
            Consultation(
                hours=hours[index % 2],
                day=last - datetime.timedelta(days=7 * (index // 2)),
                citizen=citizen,
                consent_given=True,
                booked_by=users["medarbejder"],
            )
            for index, citizen in enumerate(citizens[:CONSULTATIONS_PER_HOUSE])
        )


# "Mere end 90 % positive" after talks (seed 002): demo answers that say the same.
SURVEYS_PER_DROP_IN = 12


@transaction.atomic
def _seed_satisfaction() -> None:
    if SurveyResponse.objects.exists():
        return
    questions = list(SurveyQuestion.objects.filter(active=True))
    today = timezone.localdate()
    for offer in Offer.objects.filter(name__in=[row[0] for row in DROP_INS]).order_by("name"):
        for number in range(SURVEYS_PER_DROP_IN):
            response = SurveyResponse.objects.create(
                offer=offer,
                day=today - datetime.timedelta(days=3 * number),
                kind=SurveyResponse.Kind.TALK,
            )
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(
                    response=response,
                    question=question,
                    score=3 if (number + position) % 11 == 0 else 5 - (number + position) % 2,
                )
                for position, question in enumerate(questions)
            )


@transaction.atomic
def _seed_places() -> None:
    areas = {
        slug: District.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in AREAS.items()
    }
    track, _created = Track.objects.update_or_create(
        slug=TRACK["slug"],
        defaults={
            "name": TRACK["name"],
            "description": TRACK["description"],
            "lead_district": areas[TRACK["lead_area"]],
        },
    )
    groups = {
        slug: TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TARGET_GROUPS.items()
    }
    for name, area, address, kind, operator, profile, target_groups in DROP_INS:
        offer, created = Offer.objects.update_or_create(
            name=name,
            defaults={
                "slug": name.lower().replace(" ", "-"),
                "district": areas[area],
                "track": track,
                "address": address,
                "operator_kind": kind,
                "operator_name": operator,
                "profile": profile,
                "status": Offer.Status.OPEN,
            },
        )
        if created:
            offer.target_groups.set([groups[slug] for slug in target_groups])
        if not offer.opening_hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    offer=offer,
                    weekday=day,
                    opens=datetime.time.fromisoformat(opens),
                    closes=datetime.time.fromisoformat(closes),
                )
                for day, opens, closes in HOURS
            )
        if not offer.activities.exists():
            Activity.objects.bulk_create(
                Activity(
                    offer=offer,
                    title=title,
                    kind=kind,
                    schedule=Activity.Schedule.WEEKLY,
                    weekday=day,
                    starts_on=SEASON_START,
                    start_time=datetime.time.fromisoformat(start),
                    end_time=datetime.time.fromisoformat(end),
                    place=Activity.Place.AT_OFFER,
                    user_run=user_run,
                )
                for day, start, end, title, kind, user_run in ACTIVITIES
            )


def _user(username: str, full_name: str, password: str):
    first, last = full_name.split(" ", 1)
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@astnet.invalid"},
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def _seed_users(password: str) -> dict:
    staff_offer = Offer.objects.get(name=STAFF_OFFER)
    council, _created = Council.objects.get_or_create(
        name=COUNCIL,
        defaults={"kind": Council.Kind.USERS_COUNCIL, "scope": Council.Scope.CITY},
    )
    places = {
        Role.STAFF: {"offer": staff_offer},
        Role.LEADER: {"district": staff_offer.district},
    }
    users = {}
    for login in LOGINS:
        user = _user(login.username, login.full_name, password)
        users[login.username] = user
        if login.role != Role.COUNCIL_MEMBER:
            Membership.objects.get_or_create(
                user=user, role=login.role, **places.get(login.role, {})
            )
    # The coordinator also leads Vojens: the role is theirs, whichever area they lead.
    Membership.objects.get_or_create(
        user=users["koordinator"], role=Role.LEADER, district=District.objects.get(slug="vojens")
    )
    PeerMentor.objects.get_or_create(
        user=users["peer"], defaults={"district": staff_offer.district}
    )
    for username, full_name in EXTRA_NAMES.items():
        users[username] = _user(username, full_name, password)
    users["council"] = council
    return users


@transaction.atomic
def _seed_council(users: dict, password: str) -> None:
    council = users["council"]
    for username, role in MEMBERS:
        if not CouncilMember.objects.filter(council=council, user=users[username]).exists():
            services.council_member_add(
                council=council,
                user=users[username],
                role=role,
                term_from=datetime.date(2025, 1, 1),
            )
    if not council.criteria.exists():
        services.criteria_publish(council=council, text=CRITERIA)
    year = timezone.localdate().year
    if not Budget.objects.filter(council=council, year=year).exists():
        services.budget_set(council=council, year=year, amount_ore=BUDGET_ORE)
    title = "Hold i keramik på Kolibrien"
    if not Application.objects.filter(council=council, title=title).exists():
        citizen = Citizen.objects.filter(home_offers__name="Kolibrien").order_by("pk").first()
        application = services.application_create(
            council=council,
            by=users["medarbejder"],
            applicant_citizen=citizen,
            applicant_user=None if citizen else users["raadsmedlem2"],
            applicant_first_name=citizen.chosen_name.split()[0] if citizen else "Birgit",
            title=title,
            description="Ler, glasur og ovntid til et hold på otte over ti uger.",
            amount_ore=4_500_00,
            starts_on=timezone.localdate() + datetime.timedelta(days=21),
            beneficiaries="Borgere fra alle fem væresteder, op til otte på holdet.",
            criteria_met="Foregår på hold; styres af borgerne selv.",
        )
        voting.vote_open(application=application, by=users["raadsmedlem"])
