"""Who may see, facilitate and run workshops: the workshops app's rules in the one door
(`astnet.access`), registered from `WorkshopsConfig.ready()`.

Leaders run workshops for their district; staff facilitate tables there and take part; council
members take part in their council's district; peer mentors and administration read them all.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from astnet.access import (
    ScopeAction,
    council_ids,
    declare_public,
    has_role,
    leader_district_ids,
    memberships,
    rule,
    scope,
)
from astnet.models import Role
from offers.models import District
from workshops.models import Workshop

# Who facilitates at the tables and on the big screen: the district's staff and leaders.
FACILITATORS = (Role.STAFF, Role.LEADER)

# Everyone who takes part in workshops in some way (require_role on the workshop pages).
WORKSHOP_ROLES = (
    Role.STAFF,
    Role.LEADER,
    Role.COUNCIL_MEMBER,
    Role.PEER_MENTOR,
    Role.ADMINISTRATION,
)


def workshop_district_filter(user, action: ScopeAction, path: str = "district") -> Q | None:
    """Rows (reached from the district by `path`) whose workshops the user may see or facilitate;
    None means every district."""
    if action == "view" and has_role(user, Role.ADMINISTRATION, Role.PEER_MENTOR):
        return None
    district_ids = leader_district_ids(user) | {
        m.offer.district_id for m in memberships(user) if m.role == Role.STAFF
    }
    condition = Q(pk__in=district_ids)
    councils = council_ids(user)
    if action == "view" and councils:
        condition |= Q(councils__in=councils) | Q(offers__councils__in=councils)
    return Q(**{f"{path}__in": District.objects.filter(condition).values("pk")})


def _workshop_scope(qs: QuerySet, condition: Q | None) -> QuerySet:
    return qs if condition is None else qs.filter(condition)


@rule("workshops.process")
def _workshop_processes(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Processes are the city's shared frame: readable by every workshop role, changed in admin."""
    if action == "view" and has_role(user, *WORKSHOP_ROLES):
        return qs
    return qs.none()


@rule("workshops.theme")
def _workshop_themes(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return _workshop_processes(user, qs, action)


@rule("workshops.milestone")
def _workshop_milestones(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Leaders keep the plan of a process they run workshops in (a workshop in their district)."""
    if action == "change":
        processes = qs.model._meta.get_field("process").related_model.objects.filter(
            workshops__district__in=leader_district_ids(user)
        )
        return qs.filter(process__in=processes.values("pk"))
    return _workshop_processes(user, qs, action)


@rule("workshops.workshop")
def _workshops(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Change means facilitating: tables, inputs and the big screen (staff and leaders)."""
    return _workshop_scope(qs, workshop_district_filter(user, action))


@rule("workshops.table")
def _workshop_tables(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return _workshop_scope(qs, workshop_district_filter(user, action, "workshop__district"))


@rule("workshops.input")
def _workshop_inputs(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    return _workshop_scope(qs, workshop_district_filter(user, action, "table__workshop__district"))


@rule("workshops.scenario")
def _scenarios(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Scenarios are the district's proposals to the committee: only its leaders change them."""
    if action == "change":
        return qs.filter(district__in=leader_district_ids(user))
    return _workshop_scope(qs, workshop_district_filter(user, action))


@rule("workshops.themequestion")
def _theme_questions(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """A theme's questions follow the theme (the process's shared frame)."""
    return _workshop_processes(user, qs, action)


@rule("workshops.programmeitem")
@rule("workshops.ballot")
@rule("workshops.votinground")
@rule("workshops.participantcode")
def _workshop_parts(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """The day's programme, the ballots, the voting round and the participant codes follow their
    workshop. Ballots and rounds are never changed through the door: participants vote with the
    screen's code (workshops/voting.py) and the round is fixed when voting opens (issue 19);
    codes are made by the facilitators through `workshops.ballots.participant_codes_create`."""
    if action == "change" and qs.model._meta.model_name in ("ballot", "votinground"):
        return qs.none()
    return _workshop_scope(qs, workshop_district_filter(user, action, "workshop__district"))


@rule("workshops.dot")
def _dots(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """Dots are read with their workshop's results and given only through the voting code."""
    if action == "change":
        return qs.none()
    return _workshop_scope(qs, workshop_district_filter(user, action, "ballot__workshop__district"))


@rule("workshops.scenariopoint")
def _scenario_points(user, qs: QuerySet, action: ScopeAction) -> QuerySet:
    """A scenario's strengths, weaknesses, opportunities and challenges follow the scenario."""
    scenario_model = qs.model._meta.get_field("scenario").related_model
    return qs.filter(
        scenario__in=_scenarios(user, scenario_model.objects.all(), action).values("pk")
    )


declare_public(
    "workshops.tag", "free tags such as 'peer-to-peer': a shared vocabulary, no personal data"
)


def may_run_workshops(user) -> bool:
    """True when `user` leads a district and so may create workshops there."""
    return scope(user, District, "change").exists()


def may_run(user, workshop: Workshop) -> bool:
    """True when `user` runs `workshop`: a leader of its district (themes, milestones, scenarios,
    deleting the workshop)."""
    return may_run_in_district(user, workshop.district_id)


def may_run_in_district(user, district_id: int) -> bool:
    """True when `user` leads the district `district_id` (its scenario comparison's editor)."""
    return scope(user, District, "change").filter(pk=district_id).exists()


def require_run(user, workshop: Workshop) -> None:
    """Raise Http404 unless `user` runs `workshop` (anyone else is answered as for any object)."""
    if not may_run(user, workshop):
        raise Http404


def may_facilitate(user, workshop: Workshop) -> bool:
    """True when `user` may facilitate `workshop`: tables, live input, the big screen."""
    return scope(user, Workshop, "change").filter(pk=workshop.pk).exists()
