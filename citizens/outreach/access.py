"""Who may see outreach casework hours and consultations (issue 21 part 4). Registered into
`astnet.access` from `CitizensConfig.ready()`."""

from django.db.models import QuerySet

from astnet.access import ScopeAction, declare_public, rule, scope
from astnet.models import Role
from citizens.access import offer_work_condition

# Staff book citizens into the partners' hours.
BOOKERS = (Role.STAFF,)

declare_public("citizens.caseworkpartner", "the names of municipal services: no personal data")
declare_public(
    "citizens.caseworkhours", "published weekly hours at an offer, shown on its public page"
)


@rule("citizens.consultation")
def _consultations(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """A booking names a citizen: staff of the offer, and those who see the citizen."""
    citizen_model = qs.model._meta.get_field("citizen").related_model
    return qs.filter(offer_work_condition(user, action, "hours__offer")).filter(
        citizen__in=scope(user, citizen_model, action).values("pk")
    )
