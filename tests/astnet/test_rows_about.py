"""`access.rows_about`: the rows about an object the door has just found in the user's scope are
read without compiling the object's scope into the query again (issue 22), and every model that
declares it follows its owner really shows each row about an owner the user may view."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from astnet import access
from astnet.models import Role
from citizens.follow_up.models import Outreach
from citizens.models import Citizen, Consent, ExpectationTalk, Visit
from citizens.rights.erasure import anonymise
from tests import factories as f
from tests.courses import factories as cf

# One row of each declared model about `citizen`, made by whom and where.
MAKERS = {
    "citizens.consent": lambda citizen, offer, by: Consent.objects.create(
        citizen=citizen, kind=Consent.Kind.PARTNER, partner_name=offer.name, recorded_by=by
    ),
    "citizens.expectationtalk": lambda citizen, offer, by: ExpectationTalk.objects.create(
        citizen=citizen,
        offer=offer,
        held_on=datetime.date(2026, 11, 2),
        staff=by,
        wishes_and_goals="Komme ud om morgenen",
        follow_up_consent_asked=False,
        follow_up_consent_given=False,
    ),
    "citizens.outreach": lambda citizen, offer, by: Outreach.objects.create(
        citizen=citizen, by=by, on=datetime.date(2026, 11, 3), outcome=Outreach.Outcome.REACHED
    ),
    "citizens.enrollment": lambda citizen, offer, by: cf.EnrollmentFactory(
        citizen=citizen, course=cf.CourseFactory(lead=by, host_offers=[offer])
    ),
    "citizens.goal": lambda citizen, offer, by: cf.GoalFactory(
        citizen=citizen,
        enrollment=cf.EnrollmentFactory(
            citizen=citizen, course=cf.CourseFactory(lead=by, host_offers=[offer])
        ),
    ),
}


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


@pytest.fixture
def records(world):
    """Citizens at home at Nabo, Kompasset and Griffen, one who only visits Kompasset and one
    anonymised, each with a row of every declared kind, some made at another district's offer;
    and the people who look."""
    griffen_staff = f.member(Role.STAFF, offer=world.griffen, username="gitte")
    kompasset_staff = f.member(Role.STAFF, offer=world.kompasset, username="kim")
    citizens = [
        f.CitizenFactory(chosen_name="Anne", home_offers=[world.nabo]),
        f.CitizenFactory(chosen_name="Bo", home_offers=[world.kompasset]),
        f.CitizenFactory(chosen_name="Gustav", home_offers=[world.griffen]),
        f.CitizenFactory(chosen_name="Vera"),
        f.CitizenFactory(chosen_name="Ole", home_offers=[world.nabo]),
    ]
    Visit.objects.create(citizen=citizens[3], offer=world.kompasset, day=datetime.date(2026, 11, 2))
    # Rows made at the citizen's own offer and at an offer of the other district.
    for citizen in citizens:
        for offer, by in ((world.nabo, world.staff), (world.griffen, griffen_staff)):
            for make in MAKERS.values():
                make(citizen, offer, by)
    anonymise(citizens[4], by=world.dpo)
    lookers = [
        world.staff,
        world.leader,
        griffen_staff,
        kompasset_staff,
        f.member(Role.LEADER, district=world.norrebro, username="nina"),
        world.council_member,
        world.peer_mentor,
        world.administration,
        world.dpo,
        world.coordinator,
    ]
    return citizens, lookers


def test_every_declared_model_has_a_row_maker_here():
    assert set(access._FOLLOWS_OWNER) == set(MAKERS)


@pytest.mark.django_db
def test_each_declaration_holds_for_every_role(records):
    """The declaration is what lets `rows_about` skip the rule: for every looker and every
    citizen they may view, the rule shows every row about that citizen."""
    _citizens, lookers = records
    checked = 0
    for user in lookers:
        for citizen in access.scope(user, Citizen):
            for label, field in access._FOLLOWS_OWNER.items():
                model = _model(label)
                every = set(model.objects.filter(**{field: citizen}).values_list("pk", flat=True))
                assert every, label
                shown = set(
                    access.scope(user, model)
                    .filter(**{field: citizen})
                    .values_list("pk", flat=True)
                )
                assert shown == every, (user.username, citizen.chosen_name, label)
                checked += 1
    # Nabo's staff, Amager's leader, Griffen's staff, Kompasset's staff and Nørrebro's leader
    # each have citizens to view.
    assert checked >= 5 * len(MAKERS)


@pytest.mark.django_db
def test_rows_about_a_found_citizen_skip_the_rule(records, world):
    anne = records[0][0]
    found = access.get_in_scope(world.staff, Citizen, pk=anne.pk)

    with CaptureQueriesContext(connection) as queries:
        talks = list(access.rows_about(world.staff, ExpectationTalk, found))

    assert len(talks) == 2
    assert len(queries) == 1
    # No scope in the query: neither the home offers nor the visits are looked at.
    assert "citizens_citizen_home_offers" not in queries[0]["sql"]
    assert "citizens_visit" not in queries[0]["sql"]


@pytest.mark.django_db
def test_rows_about_a_citizen_not_found_ask_the_rule(records, world):
    gustav = records[0][2]
    with pytest.raises(Http404):
        access.get_in_scope(world.staff, Citizen, pk=gustav.pk)

    for label in MAKERS:
        model = _model(label)
        by_rule = set(access.scope(world.staff, model).filter(citizen=gustav))
        assert set(access.rows_about(world.staff, model, gustav)) == by_rule, label
    # Gustav's consents are not Nabo's; the courses Mette leads show his enrolment there.
    assert list(access.rows_about(world.staff, Consent, gustav)) == []
    assert access.rows_about(world.staff, _model("citizens.enrollment"), gustav).count() == 2


@pytest.mark.django_db
def test_a_citizen_found_to_change_is_not_taken_as_found_to_view(records, world):
    """Only a view lookup counts: the rule is asked when the citizen was found to change."""
    anne = records[0][0]
    access.get_in_scope(world.staff, Citizen, "change", pk=anne.pk)

    with CaptureQueriesContext(connection) as queries:
        list(access.rows_about(world.staff, Consent, anne))

    assert "citizens_citizen_home_offers" in queries[0]["sql"]


@pytest.mark.django_db
def test_what_was_found_does_not_pass_to_another_user_object(records, world):
    """The next request loads a new user object: what the last one found is not carried over."""
    from django.contrib.auth import get_user_model

    anne = records[0][0]
    access.get_in_scope(world.staff, Citizen, pk=anne.pk)
    next_request = get_user_model().objects.get(pk=world.staff.pk)

    with CaptureQueriesContext(connection) as queries:
        list(access.rows_about(next_request, Consent, anne))

    assert "citizens_citizen_home_offers" in queries[-1]["sql"]


@pytest.mark.django_db
def test_forgetting_the_memberships_forgets_what_was_found(records, world):
    anne = records[0][0]
    access.get_in_scope(world.staff, Citizen, pk=anne.pk)
    access.forget_memberships(world.staff)

    with CaptureQueriesContext(connection) as queries:
        list(access.rows_about(world.staff, Consent, anne))

    assert any("citizens_citizen_home_offers" in query["sql"] for query in queries)


def test_a_model_without_a_declaration_is_refused():
    with pytest.raises(ImproperlyConfigured):
        access.rows_about(None, Visit, Citizen(pk=1))
