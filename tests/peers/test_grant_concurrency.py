"""Two grants at the same moment must not together spend more than the budget (PostgreSQL only:
the budget row lock is what keeps them apart)."""

import threading

import pytest
from django.db import connection

from peers.councils import services, voting
from peers.models import Decision
from tests.conftest import needs_postgresql
from tests.peers.factories import submitted_application


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_grants_cannot_overspend_the_budget(council_world):
    needs_postgresql()
    first = submitted_application(council_world, amount_ore=6_000_00, title="Første")
    second = submitted_application(council_world, amount_ore=6_000_00, title="Anden")
    barrier = threading.Barrier(2)
    outcomes = []

    def grant(application):
        try:
            barrier.wait()
            voting.application_grant(
                application=application, amount_ore=application.amount_ore, reasoning="Ja."
            )
            outcomes.append("granted")
        except services.BudgetExceeded as refused:
            outcomes.append(refused.remaining_ore)
        finally:
            connection.close()

    threads = [threading.Thread(target=grant, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes, key=str) == sorted(["granted", 4_000_00], key=str)
    granted = sum(Decision.objects.values_list("granted_amount_ore", flat=True))
    assert granted == 6_000_00
