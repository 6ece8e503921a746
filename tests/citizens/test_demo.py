"""The citizens demo data: talks, consents and a head count at Nabo, the same after two runs."""

from astnet.demo import citizens as citizens_demo
from astnet.demo import core as demo
from citizens.models import AnonymousVisits, Consent, ExpectationTalk, FollowUp


def _counts():
    return (
        ExpectationTalk.objects.count(),
        Consent.objects.count(),
        AnonymousVisits.objects.count(),
        FollowUp.objects.count(),
    )


def test_seed_adds_talks_consents_and_a_head_count_once(db):
    demo.seed_plan()
    demo.seed_users("Korrekt-Hest-Batteri-42")
    demo.seed_citizens()

    citizens_demo.seed()
    first = _counts()
    citizens_demo.seed()

    assert first == _counts()
    assert first[0] == 3 and first[1] == 3 and first[2] == 1
    assert (
        ExpectationTalk.objects.filter(offer__name="Nabo", staff__username="medarbejder").count()
        == 3
    )
