"""The city's depth for the benchmark (issue 22): what a citizen's page, a course and a council
hold in a city that has used astnet for years, on top of `seed_demo --scale city` (citizens and
visits only). Without it the bench cannot see a query that turns slow only for a citizen with an
enrolment or a goal.

Written with bulk inserts (seconds, not minutes) and idempotent: a second call finds its courses
and leaves everything as it is. Synthetic data only; no real person.
"""

import datetime
import random
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from astnet.models import Membership, Role
from citizens.courses.selectors import GOAL_CHART_KEEP_SECONDS
from citizens.courses.services import goal_chart_draw
from citizens.models import (
    Attendance,
    Citizen,
    Consent,
    Course,
    Enrollment,
    ExpectationTalk,
    FollowUp,
    Goal,
    GoalRating,
    Outreach,
    Session,
)
from offers.models import Offer, Track
from peers.models import Application, Council, CouncilMember, Vote

MARK = "Bench-forløb"
COUNCIL_MARK = "Bench-brugerråd"
COUNCIL_SEATS = 5
# Shares of the register, as the centres describe a typical year.
ENROLLED_SHARE = 0.2
CONSENT_SHARE = 0.5
TALK_SHARE = 0.4
FOLLOW_UP_SHARE = 0.05
APPLICATIONS_PER_COUNCIL = 40
GOAL_TEXTS = [
    "Jeg vil sove hele natten igen",
    "Jeg vil kunne tage bussen alene",
    "Jeg vil spise morgenmad hver dag",
    "Jeg vil gå en tur tre gange om ugen",
]


def deepen(*, seed: int = 2022) -> dict[str, int]:
    """Adds a users' council with members at every open offer and applications with votes to
    every council; courses (2 per open offer, 8 sessions each), enrolments of every fifth regular
    with 1–2 goals and 3–6 ratings each and their attendance, consents, expectation talks, open
    follow-ups with an outreach. Returns the rows made per kind ({} when the set is already
    there)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    made: dict[str, int] = {}
    if not Council.objects.filter(name__startswith=COUNCIL_MARK).exists():
        with transaction.atomic():
            made.update(_councils(rng, timezone.now(), timezone.localdate()))
    if Course.objects.filter(title__startswith=MARK).exists():
        return made
    today = timezone.localdate()
    now = timezone.now()
    staff = get_user_model().objects.filter(memberships__role=Role.STAFF).order_by("pk").first()
    offers = list(Offer.objects.filter(status=Offer.Status.OPEN).order_by("pk"))
    track = Track.objects.order_by("pk").first()
    regulars: dict[int, list[int]] = defaultdict(list)
    for citizen_id, offer_id in (
        Citizen.home_offers.through.objects.order_by("citizen_id")
        .values_list("citizen_id", "offer_id")
        .iterator()
    ):
        regulars[offer_id].append(citizen_id)
    home = {c: o for o, citizens in regulars.items() for c in citizens}
    with transaction.atomic():
        courses, sessions = _courses(offers, staff, track, today)
        made["courses"] = len(courses)
        made["sessions"] = len(sessions)
        enrolments = []
        for course, offer in courses:
            for citizen_id in regulars[offer.pk][course.pk % 5 :: int(1 / ENROLLED_SHARE) * 2]:
                enrolments.append(
                    Enrollment(
                        citizen_id=citizen_id,
                        course=course,
                        referring_offer=offer,
                        referral_date=course.start_date - datetime.timedelta(days=14),
                        start_date=course.start_date,
                        enrolled_by=staff,
                    )
                )
        Enrollment.objects.bulk_create(enrolments, batch_size=2000)
        made["enrolments"] = len(enrolments)
        made.update(_goals_and_attendance(rng, enrolments, sessions, staff, today))
        made.update(_citizen_records(rng, home, staff, today, now))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "citizens_enrollment",
                "citizens_goal",
                "citizens_goalrating",
                "citizens_consent",
                "citizens_expectationtalk",
                "citizens_followup",
                "peers_application",
                "peers_vote",
            ):
                cursor.execute(f"ANALYZE {table}")
    return made


def _courses(offers, staff, track, today):
    courses, sessions = [], []
    for offer in offers:
        open_group = Course(
            title=f"{MARK} {offer.pk}: åben gruppe",
            kind=Course.Kind.UNREFERRED,
            track=track,
            lead=staff,
            capacity=80,
            start_date=today - datetime.timedelta(days=180),
            created_by=staff,
        )
        referred = Course(
            title=f"{MARK} {offer.pk}: hverdag med angst",
            kind=Course.Kind.REFERRED,
            track=track,
            lead=staff,
            capacity=80,
            start_date=today - datetime.timedelta(days=56),
            end_date=today + datetime.timedelta(days=56),
            expected_effect="Færre dage, hvor angsten styrer hverdagen.",
            created_by=staff,
        )
        Course.objects.bulk_create([open_group, referred])
        for course in (open_group, referred):
            course.host_offers.add(offer)
            courses.append((course, offer))
            for week in range(8):
                sessions.append(
                    Session(
                        course=course,
                        date=course.start_date + datetime.timedelta(days=7 * week),
                        starts_at=datetime.time(13),
                        place=offer.address or offer.name,
                    )
                )
    Session.objects.bulk_create(sessions)
    return courses, sessions


def _goals_and_attendance(rng, enrolments, sessions, staff, today):
    by_course = defaultdict(list)
    for session in sessions:
        by_course[session.course_id].append(session)
    goals, attendances = [], []
    for enrolment in enrolments:
        for number in range(rng.choice([1, 1, 2])):
            goals.append(
                Goal(
                    citizen_id=enrolment.citizen_id,
                    enrollment=enrolment,
                    text=GOAL_TEXTS[(enrolment.citizen_id + number) % len(GOAL_TEXTS)],
                    created_by=staff,
                )
            )
        for session in by_course[enrolment.course_id]:
            if session.date <= today:
                attendances.append(
                    Attendance(
                        session=session,
                        enrollment=enrolment,
                        status=rng.choice(list(Attendance.Status.values)),
                        recorded_by=staff,
                    )
                )
    Goal.objects.bulk_create(goals, batch_size=2000)
    ratings = [
        GoalRating(
            goal=goal,
            rated_on=today - datetime.timedelta(days=14 * step),
            score=rng.randint(1, 10),
            recorded_by=staff,
        )
        for goal in goals
        for step in range(rng.randint(3, 6))
    ]
    GoalRating.objects.bulk_create(ratings, batch_size=5000)
    Attendance.objects.bulk_create(attendances, batch_size=5000)
    return {"goals": len(goals), "ratings": len(ratings), "attendances": len(attendances)}


def _citizen_records(rng, home, staff, today, now):
    consents, talks, follow_ups = [], [], []
    # The demo's own consents stay; a citizen holds one active consent of a kind.
    consenting = set(
        Consent.objects.filter(kind=Consent.Kind.FOLLOW_UP, withdrawn_at__isnull=True).values_list(
            "citizen_id", flat=True
        )
    )
    followed = set(
        FollowUp.objects.filter(closed_at__isnull=True).values_list("citizen_id", "offer_id")
    )
    for citizen_id, offer_id in home.items():
        if rng.random() < CONSENT_SHARE and citizen_id not in consenting:
            consents.append(
                Consent(
                    citizen_id=citizen_id,
                    kind=Consent.Kind.FOLLOW_UP,
                    given_at=now - datetime.timedelta(days=rng.randint(1, 900)),
                    recorded_by=staff,
                )
            )
        if rng.random() < TALK_SHARE:
            talks.append(
                ExpectationTalk(
                    citizen_id=citizen_id,
                    offer_id=offer_id,
                    held_on=today - datetime.timedelta(days=rng.randint(1, 900)),
                    staff=staff,
                    wishes_and_goals="At komme ud af lejligheden to gange om ugen.",
                    what_helps="Rolige rum og en fast kontaktperson.",
                    follow_up_consent_asked=True,
                    follow_up_consent_given=rng.random() < 0.7,
                )
            )
        if rng.random() < FOLLOW_UP_SHARE and (citizen_id, offer_id) not in followed:
            follow_ups.append(
                FollowUp(
                    citizen_id=citizen_id,
                    offer_id=offer_id,
                    last_visit_on=today - datetime.timedelta(days=40),
                    opened_on=today - datetime.timedelta(days=10),
                )
            )
    Consent.objects.bulk_create(consents, batch_size=5000)
    ExpectationTalk.objects.bulk_create(talks, batch_size=5000)
    FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
    Outreach.objects.bulk_create(
        [
            Outreach(
                citizen_id=f.citizen_id,
                follow_up=f,
                by=staff,
                on=today - datetime.timedelta(days=3),
                outcome=Outreach.Outcome.values[0],
            )
            for f in follow_ups
        ]
    )
    return {"consents": len(consents), "talks": len(talks), "follow_ups": len(follow_ups)}


def _councils(rng, now, today):
    """A users' council at every open offer without one (COUNCIL_SEATS members, each a user with
    the council-member role), and APPLICATIONS_PER_COUNCIL applications from the offer's
    regulars to every council, with the members' votes on those put to a vote or decided."""
    User = get_user_model()
    for offer in Offer.objects.filter(status=Offer.Status.OPEN, councils__isnull=True):
        council = Council.objects.create(
            name=f"{COUNCIL_MARK} {offer.name}",
            kind=Council.Kind.USERS_COUNCIL,
            scope=Council.Scope.OFFER,
            offer=offer,
        )
        for seat in range(COUNCIL_SEATS):
            user = User.objects.create(username=f"bench-council-{council.pk}-{seat}")
            Membership.objects.create(user=user, role=Role.COUNCIL_MEMBER, council=council)
            CouncilMember.objects.create(
                council=council,
                user=user,
                role=CouncilMember.Role.CHAIR if seat == 0 else CouncilMember.Role.MEMBER,
                term_from=today - datetime.timedelta(days=400),
            )
    applications, votes = [], []
    states = [
        Application.State.SUBMITTED,
        Application.State.IN_VOTE,
        Application.State.GRANTED,
        Application.State.REJECTED,
    ]
    members = defaultdict(list)
    for seat in CouncilMember.objects.all():
        members[seat.council_id].append(seat)
    applicants = list(Citizen.objects.order_by("pk").values_list("pk", flat=True)[:5000])
    for council in Council.objects.order_by("pk"):
        for number in range(APPLICATIONS_PER_COUNCIL):
            created = now - datetime.timedelta(days=rng.randint(1, 700))
            state = rng.choice(states)
            opened = state != Application.State.SUBMITTED
            applications.append(
                Application(
                    council=council,
                    applicant_citizen_id=rng.choice(applicants),
                    applicant_first_name="Borger",
                    title=f"Tur nr. {number}",
                    description="Fælles tur for brugerne.",
                    amount_ore=rng.randint(5, 200) * 100_00,
                    starts_on=today + datetime.timedelta(days=rng.randint(-300, 60)),
                    beneficiaries="Alle brugere af tilbuddet.",
                    state=state,
                    # Votes opened (and decided) under the council's rules of the day (issue 19).
                    vote_quorum_rule=council.quorum_rule if opened else "",
                    vote_tie_rule=council.tie_rule if opened else "",
                    vote_open_votes=council.open_votes if opened else None,
                    created_at=created,
                    submitted_at=created,
                )
            )
    Application.objects.bulk_create(applications, batch_size=2000)
    for application in applications:
        if application.state == Application.State.SUBMITTED:
            continue
        for seat in members[application.council_id]:
            votes.append(
                Vote(
                    application=application,
                    member=seat,
                    choice=rng.choice(list(Vote.Choice.values)),
                    cast_at=application.created_at + datetime.timedelta(days=3),
                )
            )
    Vote.objects.bulk_create(votes, batch_size=5000)
    return {"applications": len(applications), "votes": len(votes)}


def draw_recent_goal_charts() -> int:
    """Draws the goals' charts that the rating service would be keeping now: it draws a goal's
    chart as each rating is saved and keeps it for GOAL_CHART_KEEP_SECONDS
    (citizens/courses/services.goal_chart_draw), so every goal rated within that time has one.
    The bench's ratings were made in bulk, not saved through the service; goals rated earlier
    are drawn on their first view, as in production. Returns how many were drawn."""
    since = timezone.localdate() - datetime.timedelta(seconds=GOAL_CHART_KEEP_SECONDS)
    goal_ids = (
        Goal.objects.filter(ratings__rated_on__gte=since)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    drawn = 0
    for goal_id in goal_ids.iterator():
        goal_chart_draw(goal_id)
        drawn += 1
    return drawn
