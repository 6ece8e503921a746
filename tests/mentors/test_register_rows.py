"""The mentors' session register: each row's button posts to that row's own URL, and the page
reverses a fixed number of URLs whatever the number of participants (issue 22)."""

import datetime

import pytest
from django.urls import reverse

from tests.mentors import factories as mf
from tests.row_links import reverses_and_page, row_form_actions

pytestmark = pytest.mark.django_db


def test_each_row_posts_to_its_own_url_and_more_rows_reverse_no_more_urls(client, mentor_world):
    w = mentor_world
    session = w.cohort.sessions.create(module=w.modules[0], date=datetime.date(2026, 3, 2))
    register = reverse("mentors:session_register", args=[session.pk])
    client.force_login(w.coordinator)
    few, _page = reverses_and_page(client, register)
    for _more in range(4):
        mf.ParticipationFactory(cohort=w.cohort)
    many, page = reverses_and_page(client, register)
    assert many == few
    actions = row_form_actions(page)
    assert len(actions) == 6
    assert set(actions) == {
        reverse("mentors:attendance_toggle", args=[session.pk, participation.pk])
        for participation in w.cohort.participations.all()
    }


def test_a_row_tapped_with_htmx_comes_back_posting_to_its_own_url(client, mentor_world):
    w = mentor_world
    session = w.cohort.sessions.create(module=w.modules[0], date=datetime.date(2026, 3, 2))
    client.force_login(w.coordinator)
    url = reverse("mentors:attendance_toggle", args=[session.pk, w.sara_on_cohort.pk])
    response = client.post(url, {"present": "1"}, HTTP_HX_REQUEST="true")
    assert row_form_actions(response.content.decode()) == [url]
