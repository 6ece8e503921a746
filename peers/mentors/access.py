"""Who may see and do what with peer mentors: the scope rules of the mentors' models, registered
with the one door (`astnet.access`) when the app is ready, and the predicates the mentors' views,
forms and selectors ask instead of checking roles themselves.

Whoever holds the training-coordinator role runs the peer training for the whole municipality
(issue 21: a role, not the leadership of one district). Other leaders and staff read the mentors
(the network) and the placements and meetings at their own offers; a mentor reads their own
record; administration sees aggregates only, never rows.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from astnet.access import (
    ScopeAction,
    has_role,
    is_city_wide,
    leader_district_ids,
    rule,
    staff_offer_ids,
)
from astnet.models import Role


def is_training_coordinator(user) -> bool:
    """Holds the training-coordinator membership (issue 21): runs cohorts, registers,
    certification, placements and the yearly targets."""
    return has_role(user, Role.TRAINING_COORDINATOR)


def works_at_offers(user) -> bool:
    """Staff and leaders: they see the mentors placed at their own offers and the network."""
    return has_role(user, Role.STAFF, Role.LEADER)


def reads_aggregates(user) -> bool:
    """Administration: the yearly figures, never a mentor's rows."""
    return is_city_wide(user)


def may_read_yearly_target(user) -> bool:
    """The coordinator (who sets the targets) and administration (the aggregate)."""
    return is_training_coordinator(user) or reads_aggregates(user)


def possible_trainers() -> QuerySet:
    """The users who may train a cohort: the city's active staff and leaders."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__role__in=[Role.STAFF, Role.LEADER])
        .distinct()
        .order_by("first_name", "last_name")
    )


def _offer_work_condition(user, path: str = "offer") -> Q:
    """Rows at offers the user works at (staff) or leads (leader)."""
    return Q(**{f"{path}__in": staff_offer_ids(user)}) | Q(
        **{f"{path}__district__in": leader_district_ids(user)}
    )


@rule("peers.trainingprogramme")
@rule("peers.trainingmodule")
@rule("peers.language")
@rule("peers.experiencetheme")
def _mentor_catalogue(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The programme and the tag lists are no secret to anyone working with peer mentors."""
    if is_training_coordinator(user):
        return qs
    if action == "view" and has_role(user, Role.STAFF, Role.LEADER, Role.PEER_MENTOR):
        return qs
    return qs.none()


@rule("peers.trainingcohort")
def _cohorts(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if is_training_coordinator(user):
        return qs
    if action == "view":
        mine = qs.model.objects.filter(participations__mentor__user=user).values("pk")
        return qs.filter(pk__in=mine)
    return qs.none()


@rule("peers.participation")
@rule("peers.modulesession")
@rule("peers.moduleattendance")
def _training_records(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Registers are the coordinator's; a mentor reads their own progress."""
    if is_training_coordinator(user):
        return qs
    if action == "change":
        return qs.none()
    path = {
        "participation": "mentor__user",
        "modulesession": "cohort__participations__mentor__user",
        "moduleattendance": "participation__mentor__user",
    }[qs.model._meta.model_name]
    return qs.filter(pk__in=qs.model.objects.filter(**{path: user}).values("pk"))


@rule("peers.peermentor")
def _peer_mentors(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The network across centres: every leader and staff member may find a mentor to ask."""
    if is_training_coordinator(user):
        return qs
    if action == "view" and works_at_offers(user):
        return qs
    if action == "view":
        return qs.filter(user=user)
    return qs.none()


@rule("peers.placement")
@rule("peers.peermeeting")
def _mentor_work(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Placements and meetings: the coordinator all, an offer's staff and leaders their own
    offers' (read), a mentor their own (a mentor logs meetings through the service)."""
    if is_training_coordinator(user):
        return qs
    if action == "change":
        return qs.none()
    mine = "mentor__user" if qs.model._meta.model_name == "placement" else "mentors__user"
    condition = _offer_work_condition(user) | Q(**{mine: user})
    return qs.filter(pk__in=qs.model.objects.filter(condition).values("pk"))


@rule("peers.supervision")
def _supervisions(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Supervision notes are between the supervisor and the mentors present: nobody else, not
    even another coordinator."""
    if action == "change":
        return qs.filter(supervisor=user)
    return qs.filter(
        pk__in=qs.model.objects.filter(Q(supervisor=user) | Q(mentors_present__user=user)).values(
            "pk"
        )
    )


@rule("peers.yearlytarget")
def _yearly_targets(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    if is_training_coordinator(user):
        return qs
    if action == "view" and reads_aggregates(user):
        return qs
    return qs.none()
