"""Satisfaction surveys (brugertilfredshed, issue 21 part 3): questions as data and anonymous answers.

An answer is never linked to a citizen: a response keeps only the offer, the day (no time, so it
cannot be matched to a check-in or a talk) and the kind of survey. Re-exported by `citizens/models.py`.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from offers.models import Offer

__all__ = ["SurveyAnswer", "SurveyQuestion", "SurveyResponse"]

SCALE_MIN = 1
SCALE_MAX = 5
# 4 ("Enig") and 5 ("Helt enig") count as positive, as in Haderslev's monitoring (seed 002).
POSITIVE_FROM = 4


class SurveyQuestion(models.Model):
    """One question on the 5-point scale; inactive questions keep their old answers."""

    text = models.CharField(_("spørgsmål"), max_length=200)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    active = models.BooleanField(_("stilles"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("spørgsmål om tilfredshed")
        verbose_name_plural = _("spørgsmål om tilfredshed")

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One anonymous filled-in survey: offer, day and kind only (no citizen, no staff, no time)."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Efter en samtale")
        YEARLY = "yearly", _("Årlig undersøgelse")

    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("tilbud"),
        db_index=False,
    )
    day = models.DateField(_("dag"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        indexes = [models.Index(fields=["offer", "day"], name="surveyresponse_offer_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["talk", "yearly"]), name="surveyresponse_kind_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.day} {self.kind}"


class SurveyAnswer(models.Model):
    """One question's score (1–5) in one response."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(
        _("svar"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveyanswer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="surveyanswer_score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score}"
