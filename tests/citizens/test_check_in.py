"""Checking a citizen in on the "I dag" page: one tap, one visit, whatever happens twice."""

import datetime
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from astnet.models import AuditEvent
from citizens.models import FollowUp, Visit
from citizens.selectors import citizen_to_check_in
from citizens.services import visit_check_in
from tests import factories as f
from tests.conftest import needs_postgresql


@pytest.fixture
def regular(world):
    return f.CitizenFactory(chosen_name="Bodil", home_offers=[world.nabo])


def _url(name, offer, citizen):
    return reverse(f"citizens:{name}", args=[offer.pk, citizen.pk])


def test_it_checks_in_and_answers_htmx_with_the_row(client, world, regular):
    client.force_login(world.staff)

    response = client.post(
        _url("check_in", world.nabo, regular), {"list": "roster"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert (
        Visit.objects.filter(citizen=regular, offer=world.nabo, day=timezone.localdate()).count()
        == 1
    )
    body = response.content.decode()
    assert "Tjekket ind kl." in body
    assert 'id="roster-' in body and "Fortryd" in body
    assert 'hx-swap-oob="true"' in body  # the day's count follows along
    assert "<html" not in body


def test_it_works_without_javascript(client, world, regular):
    client.force_login(world.staff)

    response = client.post(_url("check_in", world.nabo, regular))

    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:today", args=[world.nabo.pk])
    assert Visit.objects.filter(citizen=regular).count() == 1


def test_it_is_idempotent(client, world, regular):
    client.force_login(world.staff)

    client.post(_url("check_in", world.nabo, regular), HTTP_HX_REQUEST="true")
    second = client.post(_url("check_in", world.nabo, regular), HTTP_HX_REQUEST="true")

    assert second.status_code == 200
    assert Visit.objects.filter(citizen=regular).count() == 1
    assert AuditEvent.objects.filter(object_type="citizens.visit", action="create").count() == 1


def test_it_writes_an_audit_event_without_personal_data(client, world, regular):
    client.force_login(world.staff)

    client.post(_url("check_in", world.nabo, regular))

    event = AuditEvent.objects.get(object_type="citizens.visit")
    assert event.actor == world.staff
    assert "Bodil" not in event.detail


def test_it_refuses_staff_of_another_offer(client, world, regular):
    other = f.member("staff", offer=world.griffen, username="gitte")
    client.force_login(other)

    on_own_offer = client.post(_url("check_in", world.griffen, regular))
    on_foreign_offer = client.post(_url("check_in", world.nabo, regular))

    assert on_own_offer.status_code == 404  # the citizen is not theirs
    assert on_foreign_offer.status_code == 404
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    "role", ["leader", "council_member", "peer_mentor", "administration", "dpo"]
)
def test_other_roles_cannot_check_in(client, world, regular, role):
    client.force_login(world.persona(role))

    response = client.post(_url("check_in", world.nabo, regular))

    assert response.status_code == 403
    assert not Visit.objects.exists()


def test_it_rejects_get(client, world, regular):
    client.force_login(world.staff)

    assert client.get(_url("check_in", world.nabo, regular)).status_code == 405


def test_it_sends_anonymous_users_to_login(client, world, regular):
    response = client.post(_url("check_in", world.nabo, regular))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_undo_takes_the_visit_back_within_a_minute(client, world, regular):
    client.force_login(world.staff)
    client.post(_url("check_in", world.nabo, regular))

    response = client.post(
        _url("undo_check_in", world.nabo, regular), {"list": "roster"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "Tjek ind" in response.content.decode()
    assert not Visit.objects.exists()
    assert AuditEvent.objects.filter(object_type="citizens.visit", action="delete").exists()


def test_undo_is_refused_after_a_minute(client, world, regular):
    client.force_login(world.staff)
    visit = f.VisitFactory(citizen=regular, offer=world.nabo)
    Visit.objects.filter(pk=visit.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )

    response = client.post(_url("undo_check_in", world.nabo, regular), HTTP_HX_REQUEST="true")

    assert "kun fortrydes det første minut" in response.content.decode()
    assert Visit.objects.filter(pk=visit.pk).exists()


def test_undo_of_a_visit_that_does_not_exist_is_404(client, world, regular):
    client.force_login(world.staff)

    assert client.post(_url("undo_check_in", world.nabo, regular)).status_code == 404


def test_a_check_in_removes_the_citizen_from_the_follow_up_list(world, regular):
    from tests.citizens.factories import FollowUpFactory

    follow_up = FollowUpFactory(citizen=regular, offer=world.nabo)

    visit_check_in(offer=world.nabo, citizen=regular, by=world.staff)

    follow_up.refresh_from_db()
    assert follow_up.closed_at is not None
    assert follow_up.close_reason == "visited"


def test_a_visit_in_the_future_is_refused(world, regular):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        visit_check_in(
            offer=world.nabo,
            citizen=regular,
            by=world.staff,
            day=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert not Visit.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_check_ins_make_one_visit(world):
    needs_postgresql()
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    barrier = threading.Barrier(8)
    results, errors = [], []

    def tap():
        try:
            barrier.wait()
            results.append(visit_check_in(offer=world.nabo, citizen=citizen, by=world.staff)[1])
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Visit.objects.filter(citizen=citizen).count() == 1
    assert sorted(results) == [False] * 7 + [True]


def _follow_up_statements(queries) -> list[str]:
    table = FollowUp._meta.db_table
    return [q["sql"] for q in queries if table in q["sql"] and not q["sql"].startswith("SELECT")]


def test_checking_in_through_the_page_closes_an_open_follow_up_there(client, world, regular):
    from tests.citizens.factories import FollowUpFactory

    follow_up = FollowUpFactory(citizen=regular, offer=world.nabo)
    client.force_login(world.staff)

    client.post(_url("check_in", world.nabo, regular), HTTP_HX_REQUEST="true")

    follow_up.refresh_from_db()
    assert follow_up.close_reason == "visited"
    assert follow_up.closing_visit == Visit.objects.get(citizen=regular)


def test_a_check_in_without_an_open_follow_up_does_not_look_for_one_again(client, world, regular):
    from tests.citizens.factories import FollowUpFactory

    # Neither a closed one here nor an open one at another offer is this offer's open one.
    FollowUpFactory(
        citizen=regular, offer=world.nabo, closed_at=timezone.now(), close_reason="reached"
    )
    elsewhere = FollowUpFactory(citizen=regular, offer=world.griffen)
    client.force_login(world.staff)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(_url("check_in", world.nabo, regular), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert _follow_up_statements(queries.captured_queries) == []
    elsewhere.refresh_from_db()
    assert elsewhere.closed_at is None


@pytest.mark.parametrize(
    ("where", "closed", "expected"),
    [("here", False, True), ("here", True, False), ("elsewhere", False, False)],
)
def test_the_check_in_lookup_says_whether_there_is_an_open_follow_up_at_the_offer(
    world, regular, where, closed, expected
):
    from tests.citizens.factories import FollowUpFactory

    FollowUpFactory(
        citizen=regular,
        offer=world.nabo if where == "here" else world.griffen,
        closed_at=timezone.now() if closed else None,
        close_reason="reached" if closed else "",
    )
    found = citizen_to_check_in(user=world.staff, citizen_id=regular.pk, offer=world.nabo)
    assert found == regular
    assert found.open_follow_up is expected
