"""Who may see survey responses (issue 21 part 3). Registered into `astnet.access` from
`CitizensConfig.ready()`.

Responses carry no citizen, but a handful at a small offer on one day could still be telling, so
they are read like other figures about an offer: staff their own offers, leaders their district's.
No one changes a response after it is given.
"""

from django.db.models import QuerySet

from astnet.access import ScopeAction, declare_public, rule
from astnet.models import Role
from citizens.access import offer_work_condition

# Staff hand the tablet to the citizen; only they open a survey.
SURVEY_GIVERS = (Role.STAFF,)

declare_public(
    "citizens.surveyquestion",
    "the survey's questions are the same printed text for everyone: no personal data",
)


@rule("citizens.surveyresponse")
def _responses(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action != "view":
        return qs.none()
    return qs.filter(offer_work_condition(user, "view"))


@rule("citizens.surveyanswer")
def _answers(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if action != "view":
        return qs.none()
    return qs.filter(offer_work_condition(user, "view", "response__offer"))
