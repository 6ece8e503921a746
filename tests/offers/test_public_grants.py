"""The users' council's published grants on the offer's public page, in a constant number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peers.models import Application, Budget, Decision
from tests import factories as f

HEADING = "Brugerrådets bevillinger"


def url(offer):
    return reverse("offers_public:offer_detail", args=[offer.slug])


def budget(council, amount_ore=10_000_00, year=None):
    return Budget.objects.create(
        council=council, year=year or timezone.localdate().year, amount_ore=amount_ore
    )


def grant(
    budget,
    *,
    title,
    amount_ore,
    outcome=Decision.Outcome.GRANTED,
    first_name="Karin",
    publish=False,
    applicant=None,
):
    application = Application.objects.create(
        council=budget.council,
        applicant_user=applicant,
        applicant_first_name=first_name,
        publish_first_name=publish,
        title=title,
        description="Beskrivelse",
        amount_ore=max(amount_ore, 1),
        starts_on=datetime.date(budget.year, 6, 1),
        beneficiaries="Alle",
        state=Application.State.GRANTED,
    )
    rejected = outcome == Decision.Outcome.REJECTED
    return Decision.objects.create(
        application=application,
        outcome=outcome,
        granted_amount_ore=0 if rejected else amount_ore,
        budget=None if rejected else budget,
        reasoning="Vedtaget på mødet.",
        decided_at=timezone.make_aware(datetime.datetime(budget.year, 3, 1, 12)),
    )


def test_the_councils_grants_and_what_is_left_are_public(client, world):
    nabo_budget = budget(world.council, amount_ore=10_000_00)
    applicant = world.council_member
    grant(nabo_budget, title="Tur i skoven", amount_ore=2_000_00, applicant=applicant)
    grant(
        nabo_budget,
        title="Maling til værkstedet",
        amount_ore=500_00,
        outcome=Decision.Outcome.PARTLY_GRANTED,
        first_name="Bent",
        publish=True,
        applicant=applicant,
    )
    grant(
        nabo_budget,
        title="Ny fjernsyn",
        amount_ore=0,
        outcome=Decision.Outcome.REJECTED,
        applicant=applicant,
    )

    page = client.get(url(world.nabo)).content.decode()

    assert f'<h2 id="council-grants-heading">{HEADING}</h2>' in page
    assert "Brugerrådet i Nabo" in page
    assert "Tur i skoven" in page and "2.000,00 kr." in page
    assert "Maling til værkstedet" in page and "delvist bevilget" in page
    assert "søgt af Bent" in page
    assert "Karin" not in page  # did not agree to be named
    assert "Ny fjernsyn" not in page  # rejected
    assert "7.500,00 kr." in page  # left of the budget


def test_an_offer_without_a_council_has_no_grants_section(client, world):
    assert HEADING not in client.get(url(world.kompasset)).content.decode()


def test_a_council_without_grants_says_so(client, world):
    budget(world.council)

    page = client.get(url(world.nabo)).content.decode()

    assert HEADING in page
    assert "Rådet har ikke bevilget penge i år endnu." in page


def test_only_this_offers_councils_and_this_years_grants_are_shown(client, world):
    this_year = timezone.localdate().year
    other = f.CouncilFactory(name="Brugerrådet i Kompasset", offer=world.kompasset)
    grant(budget(other), title="Kompassets udflugt", amount_ore=100_00, applicant=world.staff)
    old = budget(world.council, year=this_year - 1)
    grant(old, title="Sidste års julefrokost", amount_ore=100_00, applicant=world.staff)

    page = client.get(url(world.nabo)).content.decode()

    assert "Kompassets udflugt" not in page
    assert "Sidste års julefrokost" not in page
    assert "Kompassets udflugt" in client.get(url(world.kompasset)).content.decode()


def _queries(client, offer) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(offer)).status_code == 200
    return len(queries)


def test_the_page_query_count_is_the_same_with_0_and_3_grants_and_more_councils(client, world):
    nabo_budget = budget(world.council)
    client.get(url(world.nabo))  # warm anything cached per process
    with_none = _queries(client, world.nabo)

    for n in range(3):
        grant(nabo_budget, title=f"Bevilling {n}", amount_ore=100_00, applicant=world.staff)
    with_three = _queries(client, world.nabo)
    second = f.CouncilFactory(name="Husmødet i Nabo", offer=world.nabo)
    grant(budget(second), title="Husmødets tur", amount_ore=100_00, applicant=world.staff)
    with_two_councils = _queries(client, world.nabo)

    assert with_none == with_three == with_two_councils
    page = client.get(url(world.nabo)).content.decode()
    assert page.count("Bevilling ") == 3 and "Husmødets tur" in page
