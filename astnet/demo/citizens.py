"""Demo data for the daily work at Nabo: forventningssamtaler, consents, a head count and the
follow-up list. Idempotent: a second run adds nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from astnet.demo.core import DEMO_OFFER
from citizens.follow_up.services import refresh_follow_up
from citizens.models import AnonymousVisits, Citizen, Consent, ExpectationTalk
from offers.models import Offer

DEMO_STAFF = "medarbejder"

_TALKS = [
    (
        "Vil gerne have noget at stå op til om morgenen og måske prøve at lave mad for andre.",
        "At få lov at gå en tur, når der er for mange mennesker.",
        "Fællesspisning, madholdet",
    ),
    (
        "Vil tilbage på arbejdsmarkedet på sigt; først have faste dage her.",
        "At nogen spørger ind, før det bliver for meget.",
        "Cykelværkstedet",
    ),
    (
        "Vil have nogen at snakke med og ikke sidde alene hjemme.",
        "Ro og en kop kaffe, ikke for mange spørgsmål.",
        "Brætspil om torsdagen, gåtur",
    ),
]


@transaction.atomic
def seed() -> None:
    offer = Offer.objects.filter(name=DEMO_OFFER).first()
    staff = get_user_model().objects.filter(username=DEMO_STAFF).first()
    if offer is None or staff is None:
        return
    today = timezone.localdate()
    AnonymousVisits.objects.get_or_create(offer=offer, day=today, defaults={"count": 4})
    # The regulars seen longest ago get the talks, so the follow-up list has someone on it.
    regulars = (
        Citizen.objects.filter(home_offers=offer)
        .annotate(last_visit=Max("visits__day"))
        .order_by("last_visit", "pk")[: len(_TALKS)]
    )
    for citizen, (wishes, helps, activities) in zip(regulars, _TALKS, strict=False):
        if citizen.talks.exists():
            continue
        ExpectationTalk.objects.create(
            citizen=citizen,
            offer=offer,
            held_on=today - datetime.timedelta(days=45),
            staff=staff,
            wishes_and_goals=wishes,
            what_helps=helps,
            activities_to_try=activities,
            follow_up_consent_asked=True,
            follow_up_consent_given=True,
            contact_method=ExpectationTalk.ContactMethod.CONTACT_PERSON,
            contact_person_agreed=True,
        )
        Consent.objects.get_or_create(
            citizen=citizen,
            kind=Consent.Kind.FOLLOW_UP,
            withdrawn_at__isnull=True,
            defaults={
                "recorded_by": staff,
                "given_at": timezone.now() - datetime.timedelta(days=45),
            },
        )
        citizen.contact_person = staff
        citizen.save(update_fields=["contact_person"])
    refresh_follow_up(today=today)
