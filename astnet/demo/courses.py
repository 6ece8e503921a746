"""Demo courses (forløb) at Nabo: a §85 group course under way, a referred course starting soon and
an open drop-in group, with sessions, a register, goals in citizens' own words and ratings."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from astnet.demo.core import DEMO_OFFER
from astnet.models import Role
from citizens.models import Attendance, Citizen, Course, Enrollment, Goal, GoalRating, Session
from offers.models import Offer, Track

GOALS = [
    "Jeg vil sove hele natten igen",
    "Jeg vil kunne tage bussen alene",
    "Jeg vil spise morgenmad hver dag",
    "Jeg vil gå en tur tre gange om ugen",
    "Jeg vil tale med min søster igen",
    "Jeg vil finde ud af, om jeg kan tage HF",
]


@transaction.atomic
def seed() -> int:
    """Only into an empty course list; returns the number of courses made."""
    if Course.objects.exists():
        return 0
    offer = Offer.objects.filter(name=DEMO_OFFER).select_related("district").first()
    lead = (
        get_user_model()
        .objects.filter(memberships__role=Role.STAFF, memberships__offer=offer)
        .first()
    )
    # Citizens of the host district: a course takes participants from the whole district.
    citizens = (
        list(
            Citizen.objects.filter(home_offers__district=offer.district_id)
            .distinct()
            .order_by("pk")[:14]
        )
        if offer
        else []
    )
    if offer is None or lead is None or len(citizens) < 14:
        return 0
    rng = random.Random(85)  # noqa: S311 - synthetic data, not security
    today = timezone.localdate()
    tracks = {track.name: track for track in Track.objects.all()}
    health = tracks.get("Livsstilsændringer og sundhed") or Track.objects.first()
    life_skills = tracks.get("Livsmestringsforløb") or health
    mentors = list(get_user_model().objects.filter(memberships__role=Role.PEER_MENTOR))

    s85 = _course(
        title="Søvn, mad og bevægelse",
        kind=Course.Kind.S85_GROUP,
        track=health,
        lead=lead,
        capacity=8,
        themes="Søvn\nMad\nBevægelse\nAt sige fra",
        purpose="For borgere med §85-støtte, der vil ændre en vane sammen med andre.",
        start_date=today - datetime.timedelta(days=42),
        end_date=today + datetime.timedelta(days=42),
        offer=offer,
        mentors=mentors,
    )
    referred = _course(
        title="Livsmestring: hverdag med angst",
        kind=Course.Kind.REFERRED,
        track=life_skills,
        lead=lead,
        capacity=6,
        themes="Hvad er angst\nVejrtrækning\nSmå skridt",
        purpose="Visiteret forløb for voksne med angst, henvist af AST eller Voksenenheden.",
        expected_effect="Deltagerne oplever færre dage, hvor angsten styrer hverdagen.",
        start_date=today + datetime.timedelta(days=14),
        end_date=today + datetime.timedelta(days=84),
        offer=offer,
        mentors=[],
    )
    drop_in = _course(
        title="Gåklubben",
        kind=Course.Kind.UNREFERRED,
        track=health,
        lead=lead,
        capacity=15,
        themes="Frisk luft\nFællesskab",
        start_date=today - datetime.timedelta(days=60),
        end_date=None,
        offer=offer,
        mentors=mentors,
    )

    sessions = [
        Session.objects.create(
            course=s85,
            date=s85.start_date + datetime.timedelta(days=7 * week),
            starts_at=datetime.time(10, 0),
            place=offer.name,
            theme=theme,
        )
        for week, theme in enumerate(
            ["Søvn", "Mad", "Bevægelse", "At sige fra", "Søvn igen", "Status"]
        )
        if s85.start_date + datetime.timedelta(days=7 * week) <= today
    ]
    for week in range(10):
        Session.objects.create(
            course=referred,
            date=referred.start_date + datetime.timedelta(days=7 * week),
            starts_at=datetime.time(13, 0),
            place=offer.name,
            theme="",
        )
    for week in range(8):
        Session.objects.create(
            course=drop_in,
            date=drop_in.start_date + datetime.timedelta(days=7 * week),
            starts_at=datetime.time(9, 30),
            place="Amager Fælled",
            theme="",
            drop_ins=rng.randint(2, 7),
        )

    for index, citizen in enumerate(citizens[:8]):
        enrollment = Enrollment.objects.create(
            course=s85,
            citizen=citizen,
            referral_source=Enrollment.Source.AST,
            referring_offer=offer,
            referral_date=s85.start_date - datetime.timedelta(days=10),
            start_date=s85.start_date,
            enrolled_by=lead,
        )
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                enrollment=enrollment,
                status=rng.choice(["present", "present", "present", "absent", "cancelled"]),
                recorded_by=lead,
            )
            for session in sessions
        )
        goal = Goal.objects.create(
            citizen=citizen,
            enrollment=enrollment,
            text=GOALS[index % len(GOALS)],
            vum_reference=f"VUM-mål {index % 3 + 1}",
            created_by=lead,
        )
        score = rng.randint(2, 4)
        for week in range(0, len(sessions), 2):
            # Two steps forward, one back: progress is rarely a straight line.
            score = max(1, min(10, score + rng.choice([2, 1, -1])))
            GoalRating.objects.create(
                goal=goal,
                score=score,
                rated_on=s85.start_date + datetime.timedelta(days=7 * week),
                note="",
                recorded_by=lead,
            )
    for position, citizen in enumerate(citizens[8:10], start=1):
        Enrollment.objects.create(
            course=s85,
            citizen=citizen,
            referral_source=Enrollment.Source.VOKSENENHEDEN,
            referral_date=today - datetime.timedelta(days=position),
            waiting_position=position,
            enrolled_by=lead,
        )
    for citizen in citizens[10:14]:
        Enrollment.objects.create(
            course=referred,
            citizen=citizen,
            referral_source=Enrollment.Source.VOKSENENHEDEN,
            referral_date=today - datetime.timedelta(days=3),
            start_date=referred.start_date,
            enrolled_by=lead,
        )
    return 3


def _course(*, offer, mentors, **fields) -> Course:
    course = Course.objects.create(created_by=fields["lead"], **fields)
    course.host_offers.set([offer])
    course.peer_mentors.set(mentors)
    return course
