"""The citizen page's lookup (`citizens.selectors.citizen_for_detail`): what it says about the
lists on the page, and the home offers' names it reads with the citizen (issue 22)."""

import pytest
from django.urls import reverse

from citizens import selectors
from citizens.models import Enrollment, Goal
from tests import factories as f
from tests.citizens.factories import ConsentFactory, ExpectationTalkFactory
from tests.courses.factories import CourseFactory
from tests.rights import factories as rf

pytestmark = pytest.mark.django_db


def _flags(citizen) -> dict[str, bool]:
    return {name: getattr(citizen, f"has_{name}") for name in selectors.PAGE_LISTS}


def test_a_citizen_with_no_rows_has_no_lists(world):
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    found = selectors.citizen_for_detail(world.staff, citizen.pk)
    assert _flags(found) == dict.fromkeys(selectors.PAGE_LISTS, False)


@pytest.mark.parametrize("name", list(selectors.PAGE_LISTS))
def test_each_list_is_known_to_have_rows_from_its_first_row(world, name):
    """Each list on its own, so a flag read from another list's table would fail here."""
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    if name == "talks":
        ExpectationTalkFactory(citizen=citizen, offer=world.nabo)
    elif name == "consents":
        ConsentFactory(citizen=citizen)
    elif name == "outreach":
        rf.OutreachFactory(
            citizen=citizen, follow_up=rf.FollowUpFactory(citizen=citizen, offer=world.nabo)
        )
    elif name == "enrollments":
        Enrollment.objects.create(citizen=citizen, course=CourseFactory(), enrolled_by=world.staff)
    else:
        Goal.objects.create(citizen=citizen, text="Sove", created_by=world.staff)
    found = selectors.citizen_for_detail(world.staff, citizen.pk)
    assert _flags(found) == {other: other == name for other in selectors.PAGE_LISTS}


def test_the_home_offers_are_named_in_alphabetical_order(world):
    citizen = f.CitizenFactory(home_offers=[world.nabo, world.griffen])
    found = selectors.citizen_for_detail(world.staff, citizen.pk)
    assert found.home_offer_names == sorted([world.nabo.name, world.griffen.name])


def test_a_citizen_without_home_offers_shows_a_dash(client, world):
    citizen = f.CitizenFactory(home_offers=[])
    f.VisitFactory(citizen=citizen, offer=world.nabo)
    assert selectors.citizen_for_detail(world.staff, citizen.pk).home_offer_names == []
    client.force_login(world.staff)
    page = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert "<dt>Faste tilbud</dt><dd>–</dd>" in page


def test_an_offer_name_is_escaped_on_the_page(client, world):
    world.nabo.name = 'Nabo <b>"&"</b>'
    world.nabo.save()
    citizen = f.CitizenFactory(home_offers=[world.nabo])
    f.VisitFactory(citizen=citizen, offer=world.nabo)
    client.force_login(world.staff)
    page = client.get(reverse("citizens:detail", args=[citizen.pk])).content.decode()
    assert "<b>" not in page
    assert "Nabo &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in page
