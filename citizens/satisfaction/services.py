"""Recording an anonymous satisfaction response (issue 21 part 3)."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.satisfaction.models import SCALE_MAX, SCALE_MIN, SurveyAnswer, SurveyResponse
from offers.models import Offer


@transaction.atomic
def response_record(*, offer: Offer, kind: str, scores: Mapping[int, int]) -> SurveyResponse:
    """Save one response: `scores` maps active question ids to a score 1–5 (unanswered questions
    are left out). Stored with the local day only, no time, no citizen and no staff member, and on
    purpose not audited: an audit event's actor and second would tie the answers to a talk.
    Raises ValidationError when nothing is answered or a score is off the scale."""
    if kind not in SurveyResponse.Kind.values:
        raise ValidationError(_("Ukendt type undersøgelse."))
    if not scores:
        raise ValidationError(_("Svar på mindst ét spørgsmål."))
    if any(not SCALE_MIN <= score <= SCALE_MAX for score in scores.values()):
        raise ValidationError(_("Svaret skal være fra 1 til 5."))
    response = SurveyResponse.objects.create(offer=offer, day=timezone.localdate(), kind=kind)
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question_id=question_id, score=score)
        for question_id, score in scores.items()
    )
    return response
