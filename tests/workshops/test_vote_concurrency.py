"""Dots from one phone arriving at the same moment never pass the limit (PostgreSQL row lock)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.conftest import needs_postgresql
from tests.workshops.factories import InputFactory
from workshops import ballots
from workshops.models import Dot

pytestmark = pytest.mark.services


@pytest.mark.django_db(transaction=True)
def test_concurrent_dots_never_exceed_the_participants_dots(world, ws):
    needs_postgresql()
    ws.amager.dots_per_participant = 3
    ws.amager.save()
    items = [InputFactory(table=ws.table, theme=ws.peer, text=f"Idé {n}") for n in range(4)]
    ballot = ballots.ballot_for_device(workshop=ws.amager, device="phone-1")
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def vote(item):
        try:
            start.wait()
            ballots.dot_add(ballot=ballot, item=item)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(items[n % 4],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 5
    assert sum(dot.count for dot in Dot.objects.filter(ballot=ballot)) == 3
