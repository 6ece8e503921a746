"""The course register: each row's buttons post to that row's own URL, and the page reverses
a fixed number of URLs whatever the number of rows (issue 22)."""

import pytest
from django.urls import reverse

from tests.courses import factories as cf
from tests.row_links import reverses_and_page, row_form_actions

pytestmark = pytest.mark.django_db


def test_each_row_posts_to_its_own_url_and_more_rows_reverse_no_more_urls(client, world, courses):
    session = cf.SessionFactory(course=courses.course)
    register = reverse("courses:register", args=[session.pk])
    client.force_login(world.staff)
    cf.EnrollmentFactory(course=courses.course, citizen=courses.nabo_citizens[0])
    few, _page = reverses_and_page(client, register)
    for citizen in courses.nabo_citizens[1:]:
        cf.EnrollmentFactory(course=courses.course, citizen=citizen)
    many, page = reverses_and_page(client, register)
    assert many == few
    assert row_form_actions(page) == [
        reverse("courses:attendance_set", args=[session.pk, enrollment.pk])
        for enrollment in courses.course.enrollments.order_by("citizen__chosen_name", "pk")
    ]


def test_a_row_tapped_with_htmx_comes_back_posting_to_its_own_url(client, world, courses):
    session = cf.SessionFactory(course=courses.course)
    anne = cf.EnrollmentFactory(course=courses.course, citizen=courses.nabo_citizens[0])
    client.force_login(world.staff)
    url = reverse("courses:attendance_set", args=[session.pk, anne.pk])
    response = client.post(url, {"status": "present"}, HTTP_HX_REQUEST="true")
    assert row_form_actions(response.content.decode()) == [url]
