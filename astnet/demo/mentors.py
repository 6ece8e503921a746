"""Demo data for peer mentors: Center Nordvest's coordinator (login "koordinator"), the peer
training with six modules, a cohort of mentors, placements at Mamma Mia and Nabo, peer meetings and
a supervision. The demo peer mentor ("peer") is on the cohort and placed. Idempotent."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from astnet.demo.core import demo_password
from astnet.models import Membership, Role
from offers.models import District, Offer
from peers.mentors.models import (
    ExperienceTheme,
    Language,
    ModuleAttendance,
    Participation,
    PeerMeeting,
    PeerMentor,
    Placement,
    Supervision,
    TrainingCohort,
    TrainingModule,
    TrainingProgramme,
    YearlyTarget,
)

PROGRAMME = "Peer-vejlederuddannelsen"
MODULES = [
    ("Recovery og egen historie", 6, True),
    ("Den gode samtale", 6, True),
    ("Grænser og etik", 4, True),
    ("Netværk og fællesskab", 4, True),
    ("Peer-møder i praksis", 6, True),
    ("Kreative metoder", 3, False),
]
# Center Nordvest is Copenhagen's competence centre for the peer training (seed 001): its leader
# holds the training-coordinator role.
TRAINING_CENTRE_SLUG = "nordvest"
LANGUAGES = ["Dansk", "Engelsk", "Arabisk", "Somali", "Tyrkisk", "Urdu"]
THEMES = ["Unge", "Angst", "Depression", "Misbrug", "Ensomhed", "Hjemløshed", "Pårørende"]
# username, first, last, district slug, languages, themes, attended modules
MENTORS = [
    ("peer", "Peter", "Peer", "amager", ["Dansk"], ["Depression", "Ensomhed"], 5),
    ("peer.amina", "Amina", "Hassan", "norrebro", ["Dansk", "Arabisk"], ["Unge", "Angst"], 5),
    ("peer.jonas", "Jonas", "Holm", "nordvest", ["Dansk", "Engelsk"], ["Misbrug"], 5),
    ("peer.fadumo", "Fadumo", "Ali", "nordvest", ["Somali", "Dansk"], ["Pårørende"], 3),
    ("peer.emre", "Emre", "Yilmaz", "city", ["Tyrkisk", "Dansk"], ["Unge", "Hjemløshed"], 2),
]


def _coordinator(password: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="koordinator",
        defaults={
            "first_name": "Karen",
            "last_name": "Koordinator",
            "email": "koordinator@astnet.invalid",
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    district = District.objects.get(slug=TRAINING_CENTRE_SLUG)
    Membership.objects.get_or_create(user=user, role=Role.LEADER, district=district)
    Membership.objects.get_or_create(user=user, role=Role.TRAINING_COORDINATOR)
    return user


def _mentor(username, first, last, district_slug, languages, themes):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@astnet.invalid"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, role=Role.PEER_MENTOR)
    district = District.objects.filter(slug=district_slug).first() or District.objects.get(
        slug=TRAINING_CENTRE_SLUG
    )
    mentor, _created = PeerMentor.objects.get_or_create(user=user, defaults={"district": district})
    mentor.languages.set(Language.objects.filter(name__in=languages))
    mentor.themes.set(ExperienceTheme.objects.filter(name__in=themes))
    return mentor


@transaction.atomic
def seed() -> None:
    coordinator = _coordinator(demo_password())
    for name in LANGUAGES:
        Language.objects.get_or_create(name=name)
    for name in THEMES:
        ExperienceTheme.objects.get_or_create(name=name)
    if TrainingProgramme.objects.filter(name=PROGRAMME).exists():
        return
    today = timezone.localdate()
    programme = TrainingProgramme.objects.create(
        name=PROGRAMME,
        description="Nordvests uddannelse af tidligere og nuværende brugere som peer-vejledere.",
    )
    modules = [
        TrainingModule.objects.create(
            programme=programme, order=order, title=title, hours=hours, required=required
        )
        for order, (title, hours, required) in enumerate(MODULES, start=1)
    ]
    cohort = TrainingCohort.objects.create(
        programme=programme,
        name=f"Hold forår {today.year}",
        start=today - datetime.timedelta(days=70),
        end=today + datetime.timedelta(days=30),
        seats=12,
    )
    cohort.trainers.add(coordinator)
    sessions = [
        cohort.sessions.create(module=module, date=cohort.start + datetime.timedelta(days=7 * i))
        for i, module in enumerate(modules)
    ]
    YearlyTarget.objects.get_or_create(year=today.year, defaults={"target_trained": 12})
    YearlyTarget.objects.get_or_create(year=today.year + 1, defaults={"target_trained": 15})
    mamma_mia = Offer.objects.get(name="Mamma Mia")
    nabo = Offer.objects.get(name="Nabo")
    mentors = []
    for username, first, last, district, languages, themes, attended in MENTORS:
        mentor = _mentor(username, first, last, district, languages, themes)
        participation = Participation.objects.create(cohort=cohort, mentor=mentor)
        ModuleAttendance.objects.bulk_create(
            ModuleAttendance(session=session, participation=participation, present=True)
            for session in sessions[:attended]
        )
        mentors.append(mentor)
    peter, amina, jonas, fadumo, _emre = mentors
    for mentor, offer, training in (
        (peter, nabo, False),
        (amina, mamma_mia, False),
        (jonas, mamma_mia, False),
        (fadumo, mamma_mia, True),
    ):
        Placement.objects.create(
            mentor=mentor,
            offer=offer,
            start=today - datetime.timedelta(days=20),
            hours_per_week=Decimal("4"),
            is_training_placement=training,
        )
        if not training:
            PeerMentor.objects.filter(pk=mentor.pk).update(status=PeerMentor.Status.ACTIVE)
    for offset, offer, mentor, theme in (
        (-7, nabo, peter, "Ensomhed i vintermørket"),
        (5, nabo, peter, "Håb og recovery"),
        (3, mamma_mia, amina, "At være ung med angst"),
        (10, mamma_mia, jonas, "Et liv uden rusmidler"),
    ):
        meeting = PeerMeeting.objects.create(
            offer=offer,
            date=today + datetime.timedelta(days=offset),
            participants=6 if offset < 0 else 0,
            theme=theme,
            logged_by=mentor.user,
        )
        meeting.mentors.add(mentor)
    supervision = Supervision.objects.create(
        date=today - datetime.timedelta(days=3),
        supervisor=coordinator,
        notes="Gennemgang af de første peer-møder. Aftalt at Peter får sparring om grænser.",
    )
    supervision.mentors_present.set([peter, jonas])
