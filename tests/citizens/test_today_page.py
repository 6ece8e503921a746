"""The "I dag" page: the roster, search-as-you-type, quick create and the anonymous head count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citizens.models import AnonymousVisits, Citizen, Visit
from tests import factories as f


def _today(offer):
    return reverse("citizens:today", args=[offer.pk])


def test_it_lists_the_offers_regulars_with_todays_check_ins(client, world):
    here = f.CitizenFactory(chosen_name="Alma", home_offers=[world.nabo])
    f.CitizenFactory(chosen_name="Birk", home_offers=[world.nabo])
    f.CitizenFactory(chosen_name="Cecil", home_offers=[world.griffen])
    f.VisitFactory(citizen=here, offer=world.nabo)
    client.force_login(world.staff)

    response = client.get(_today(world.nabo))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Alma" in body and "Birk" in body and "Cecil" not in body
    assert body.count("Tjekket ind kl.") == 1
    assert 'hx-trigger="input changed delay:300ms, search"' in body
    assert "js/citizens.js" in body


def _fill(world, start, count):
    citizens = Citizen.objects.bulk_create(
        Citizen(chosen_name=f"Borger {n}") for n in range(start, start + count)
    )
    Citizen.home_offers.through.objects.bulk_create(
        Citizen.home_offers.through(citizen_id=c.pk, offer_id=world.nabo.pk) for c in citizens
    )
    Visit.objects.bulk_create(
        Visit(citizen=c, offer=world.nabo, day=timezone.localdate()) for c in citizens[::2]
    )


def test_the_roster_costs_the_same_queries_for_3_or_300_regulars(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.staff)
    _fill(world, 0, 3)
    client.get(_today(world.nabo))  # the session is warm

    with CaptureQueriesContext(connection) as few:
        client.get(_today(world.nabo))
    _fill(world, 3, 297)
    # 13: the view event reads the audit chain's last link first (issue 16).
    with django_assert_max_num_queries(13), CaptureQueriesContext(connection) as many:
        response = client.get(_today(world.nabo))

    assert response.content.decode().count('class="roster-row') == 100  # one page
    assert len(many) == len(few)


def test_staff_of_another_offer_get_404(client, world):
    client.force_login(world.staff)

    assert client.get(_today(world.griffen)).status_code == 404


@pytest.mark.parametrize(
    "role", ["leader", "council_member", "peer_mentor", "administration", "dpo"]
)
def test_only_staff_take_attendance(client, world, role):
    client.force_login(world.persona(role))

    assert client.get(_today(world.nabo)).status_code == 403


def test_the_menu_item_goes_straight_to_the_only_offer(client, world):
    client.force_login(world.staff)

    response = client.get(reverse("citizens:today_start"))

    assert response["Location"] == _today(world.nabo)


def test_search_finds_citizens_in_scope_by_chosen_name(client, world):
    f.CitizenFactory(chosen_name="Karen", home_offers=[world.kompasset])
    f.CitizenFactory(chosen_name="Karina", home_offers=[world.nabo])
    f.CitizenFactory(chosen_name="Karl", home_offers=[world.griffen])
    client.force_login(world.staff)

    response = client.get(
        reverse("citizens:today_search", args=[world.nabo.pk]), {"q": "kar"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert "Karina" in body
    assert "Karen" not in body  # Kompasset is not the staff member's offer
    assert "Karl" not in body
    assert "Opret ny borger »kar« og tjek ind" in body
    assert "1 borger fundet." in body


def test_search_works_without_javascript(client, world):
    f.CitizenFactory(chosen_name="Karina", home_offers=[world.nabo])
    client.force_login(world.staff)

    redirected = client.get(reverse("citizens:today_search", args=[world.nabo.pk]), {"q": "kar"})
    page = client.get(redirected["Location"])

    assert redirected["Location"] == _today(world.nabo) + "?q=kar"
    assert "Søgeresultater for »kar«" in page.content.decode()


def test_quick_create_makes_a_regular_and_checks_them_in(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:quick_create", args=[world.nabo.pk]),
        {"chosen_name": "  Frede "},
        HTTP_HX_REQUEST="true",
    )

    citizen = Citizen.objects.get(chosen_name="Frede")
    assert response.status_code == 200
    assert "Frede er oprettet og tjekket ind." in response.content.decode()
    assert list(citizen.home_offers.all()) == [world.nabo]
    assert Visit.objects.filter(citizen=citizen, offer=world.nabo).count() == 1


def test_quick_create_refuses_an_empty_name_and_creates_nothing(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:quick_create", args=[world.nabo.pk]),
        {"chosen_name": "   "},
        HTTP_HX_REQUEST="true",
    )

    assert "Skriv det navn, borgeren vil kaldes." in response.content.decode()
    assert not Citizen.objects.exists()


def test_quick_create_without_javascript_redirects_back(client, world):
    client.force_login(world.staff)

    response = client.post(
        reverse("citizens:quick_create", args=[world.nabo.pk]), {"chosen_name": "Frede"}
    )

    assert response.status_code == 302
    assert Citizen.objects.filter(chosen_name="Frede").exists()


def _anonymous(client, offer, change, **headers):
    return client.post(
        reverse("citizens:anonymous", args=[offer.pk]), {"change": change}, **headers
    )


def test_plus_and_minus_change_the_anonymous_head_count(client, world):
    client.force_login(world.staff)

    _anonymous(client, world.nabo, "1")
    _anonymous(client, world.nabo, "1")
    response = _anonymous(client, world.nabo, "-1", HTTP_HX_REQUEST="true")

    counter = AnonymousVisits.objects.get(offer=world.nabo, day=timezone.localdate())
    assert counter.count == 1
    assert 'class="figure anonymous-count">1<' in response.content.decode()


def test_the_head_count_never_goes_below_zero(client, world):
    client.force_login(world.staff)

    _anonymous(client, world.nabo, "-1")

    assert AnonymousVisits.objects.get(offer=world.nabo).count == 0


def test_a_change_other_than_one_is_refused(client, world):
    client.force_login(world.staff)

    response = _anonymous(client, world.nabo, "50")

    assert response.status_code == 302
    assert not AnonymousVisits.objects.exists()


def test_staff_of_another_offer_cannot_count_there(client, world):
    client.force_login(world.staff)

    assert _anonymous(client, world.griffen, "1").status_code == 404
    assert not AnonymousVisits.objects.exists()


def test_reading_the_roster_and_searching_are_audited_without_the_search_text(client, world):
    from astnet.models import AuditEvent

    f.CitizenFactory(chosen_name="Karina", home_offers=[world.nabo])
    client.force_login(world.staff)

    client.get(_today(world.nabo))
    client.get(
        reverse("citizens:today_search", args=[world.nabo.pk]), {"q": "Kar"}, HTTP_HX_REQUEST="true"
    )

    events = AuditEvent.objects.filter(action="view", object_type="offers.offer")
    assert [e.detail for e in events.order_by("pk")] == ["i dag", "søgning"]
    assert not AuditEvent.objects.filter(detail__icontains="kar").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_taps_on_plus_all_count(world):
    import threading

    from citizens.services import anonymous_visits_adjust
    from tests.conftest import needs_postgresql

    needs_postgresql()
    barrier = threading.Barrier(6)
    errors = []

    def tap():
        try:
            barrier.wait()
            anonymous_visits_adjust(
                offer=world.nabo, day=timezone.localdate(), change=1, by=world.staff
            )
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AnonymousVisits.objects.get(offer=world.nabo).count == 6
