"""The demo recreates workshop 1 and 2 of Center Nordvest, 2015, from the seed's own words."""

import datetime

from astnet.demo import workshops as demo
from astnet.demo.core import seed_plan
from workshops.models import Input, Milestone, Process, Scenario, Tag, Workshop


def counts():
    return (
        Process.objects.count(),
        Milestone.objects.count(),
        Workshop.objects.count(),
        Input.objects.count(),
        Tag.objects.count(),
    )


def test_it_recreates_workshop_1_and_2_and_is_idempotent(db):
    seed_plan()
    demo.seed()
    first = counts()
    demo.seed()
    # Nordvest's two workshops with 59 inputs, and the Amager practice workshop with 6 more.
    assert counts() == first == (1, 6, 3, 65, 10)

    one = Workshop.objects.get(title="Workshop 1", district__slug="nordvest")
    assert one.date == datetime.date(2015, 9, 8)
    assert [t.title for t in one.themes.order_by("order")] == [
        "Aktivt medborgerskab",
        "Bruger til bruger",
        "Tilgængelighed af relevant hjælp",
    ]
    assert one.themes.get(order=2).questions.count() == 3
    item = Input.objects.get(text="Udbyde pee-to-peer opgaver som konsulentopgaver til normal løn")
    assert item.theme.title == "Bruger til bruger"
    assert [t.name for t in item.tags.all()] == ["Kvalificeret peer-to-peer ordning"]
    assert item.question.text == "Hvad skal AST kunne tilbyde?"

    two = Workshop.objects.get(title="Workshop 2", district__slug="nordvest")
    assert two.date == datetime.date(2015, 10, 1)
    assert two.purpose.startswith("At komme et spadestik dybere")
    assert [t.title for t in two.themes.order_by("order")] == [
        "Åbningstider",
        "Brugergruppen",
        "Afstand",
        "Indretning og størrelse",
    ]
    assert [p.text for p in two.programme.all()][-1] == "Tak for i dag (ca. kl. 12)"
    assert not two.voting_open  # 2015 is over: the codes are expired
    final = Milestone.objects.get(kind="final_proposal")
    assert final.date == datetime.date(2015, 12, 2)


def test_the_demo_logins_at_amager_get_a_practice_workshop_open_for_voting(db):
    seed_plan()
    demo.seed()
    practice = Workshop.objects.get(district__slug="amager")
    assert practice.purpose.startswith("DEMODATA")
    assert practice.process.name == demo.PROCESS_NAME
    assert practice.voting_open
    assert [t.title for t in practice.themes.order_by("order")] == [
        "Bruger til bruger",
        "Åbningstider",
    ]
    assert [(t.number, t.participants) for t in practice.tables.all()] == [(1, 7), (2, 7)]
    assert Input.objects.filter(table__workshop=practice).count() == 6
    scenario = Scenario.objects.get(district__slug="amager")
    assert scenario.status == "draft"
    assert scenario.inputs.count() == 2 and scenario.points.count() == 5

    # A demo loaded long ago is moved ahead again, so the code keeps working; nothing is doubled.
    Workshop.objects.filter(pk=practice.pk).update(date=datetime.date(2020, 1, 1))
    demo.seed()
    practice.refresh_from_db()
    assert practice.voting_open
    assert Scenario.objects.count() == 1
    assert Input.objects.filter(table__workshop=practice).count() == 6
