"""Queries compiled once per process for the same memberships (astnet/compiled_queries.py, issue 22):
each request's own ids, the door's answers, and the builds that are not kept."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from astnet import access, compiled_queries
from citizens import selectors
from citizens.models import Citizen
from tests import factories as f

pytestmark = pytest.mark.django_db


def fresh(user):
    """The same user as a new request loads them: nothing remembered on the object."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def compilations(monkeypatch):
    made = []
    real = compiled_queries._compile

    def counting(user, build, count):
        made.append(build.__qualname__)
        return real(user, build, count)

    monkeypatch.setattr(compiled_queries, "_compile", counting)
    return made


@pytest.fixture
def citizens(world):
    here = [f.CitizenFactory(chosen_name=n, home_offers=[world.nabo]) for n in ("Asta", "Bent")]
    there = f.CitizenFactory(chosen_name="Carl", home_offers=[world.griffen])
    return here, there


def test_the_citizen_page_lookup_is_compiled_once_and_answers_each_request_as_the_door_does(
    world, citizens, compilations
):
    here, there = citizens
    for citizen in here:
        found = selectors.citizen_for_detail(fresh(world.staff), citizen.pk)
        assert (found.pk, found.chosen_name, found.may_change) == (
            citizen.pk,
            citizen.chosen_name,
            True,
        )
    with pytest.raises(Http404):
        selectors.citizen_for_detail(fresh(world.staff), there.pk)
    with pytest.raises(Http404):
        access.get_in_scope(fresh(world.staff), Citizen, pk=there.pk)
    assert compilations == ["_detail_citizens.in_scope.view"]
    # The leader reads the district's citizens but changes none: a query of their own.
    leader = fresh(world.leader)
    assert selectors.citizen_for_detail(leader, here[0].pk).may_change is False
    assert len(compilations) == 2


def test_what_the_lookup_found_is_remembered_for_the_lists_that_follow(world, citizens):
    user = fresh(world.staff)
    citizen = selectors.citizen_for_detail(user, citizens[0][0].pk)
    assert access._memo(user).get(access._found_key(citizen, "view"))


def test_each_membership_set_has_its_own_query(world, citizens):
    here, there = citizens
    griffen_staff = f.member("staff", offer=world.griffen, username="gitte")
    assert selectors.citizen_for_detail(fresh(griffen_staff), there.pk) == there
    assert selectors.citizen_for_detail(fresh(world.staff), here[0].pk) == here[0]
    with pytest.raises(Http404):
        selectors.citizen_for_detail(fresh(griffen_staff), here[0].pk)


def test_visits_per_month_come_for_each_citizen_from_the_kept_query(world, citizens):
    here, there = citizens
    for day in (datetime.date(2026, 10, 5), datetime.date(2026, 10, 9), datetime.date(2026, 11, 2)):
        f.VisitFactory(citizen=here[0], offer=world.nabo, day=day)
    f.VisitFactory(citizen=here[1], offer=world.nabo, day=datetime.date(2026, 11, 3))
    f.VisitFactory(citizen=here[1], offer=world.griffen, day=datetime.date(2026, 11, 4))

    first = selectors.visits_by_month(citizen=here[0], user=fresh(world.staff))
    second = selectors.visits_by_month(citizen=here[1], user=fresh(world.staff))

    assert [(row["month"].month, row["offer__name"], row["visits"]) for row in first] == [
        (11, "Nabo", 1),
        (10, "Nabo", 2),
    ]
    # Griffenfeldsgade's visit is outside a Nabo staff member's scope.
    assert [(row["month"].month, row["offer__name"], row["visits"]) for row in second] == [
        (11, "Nabo", 1)
    ]


def _next_citizen(user, pk):
    return access.scope(user, Citizen).filter(pk=pk + 1)


def test_a_build_that_changes_its_id_is_not_kept_and_still_answers(world, citizens, compilations):
    here, _there = citizens
    first, second = sorted(here, key=lambda citizen: citizen.pk)
    if second.pk != first.pk + 1:
        pytest.skip("the two citizens' ids are not consecutive")
    for _ in range(2):
        assert compiled_queries.rows(fresh(world.staff), _next_citizen, first.pk) == [second]
    assert compiled_queries._compile(fresh(world.staff), _next_citizen, 1) is None


def test_an_id_beyond_a_columns_range_is_not_found_rather_than_refused_by_the_database(world):
    for pk in (2**31, 2**63, -(2**63) - 1):
        with pytest.raises(Http404):
            selectors.citizen_for_detail(fresh(world.staff), pk)


def test_a_user_whose_scope_is_empty_finds_nothing(world, citizens):
    here, _there = citizens
    mentor = fresh(world.peer_mentor)
    assert compiled_queries.rows(mentor, selectors._visit_months, here[0].pk) == []
    with pytest.raises(Http404):
        selectors.citizen_for_detail(fresh(world.peer_mentor), here[0].pk)


def test_only_ints_and_module_level_builds(world, citizens):
    here, _there = citizens
    with pytest.raises(TypeError):
        compiled_queries.rows(world.staff, selectors._visit_months, str(here[0].pk))
    with pytest.raises(ValueError, match="module-level"):
        compiled_queries.rows(world.staff, lambda user, pk: Citizen.objects.filter(pk=pk), 1)


def test_a_user_who_is_not_logged_in_gets_the_orm_and_nothing(citizens):
    from django.contrib.auth.models import AnonymousUser

    here, _there = citizens
    assert compiled_queries.rows(AnonymousUser(), selectors._visit_months, here[0].pk) == []
