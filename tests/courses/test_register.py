import pytest
from django.urls import reverse

from citizens.models import Attendance, Course
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(courses):
    return cf.SessionFactory(course=courses.course, theme="Søvn")


@pytest.fixture
def anne(courses):
    return cf.EnrollmentFactory(course=courses.course, citizen=courses.nabo_citizens[0])


def _url(session, enrollment):
    return reverse("courses:attendance_set", args=[session.pk, enrollment.pk])


def test_one_tap_records_attendance_without_javascript(client, world, session, anne):
    client.force_login(world.staff)
    response = client.post(_url(session, anne), {"status": "present"})
    assert response.status_code == 302
    assert Attendance.objects.get(session=session, enrollment=anne).status == "present"


def test_with_htmx_the_row_comes_back_and_a_second_tap_changes_it(client, world, session, anne):
    client.force_login(world.staff)
    client.post(_url(session, anne), {"status": "present"}, HTTP_HX_REQUEST="true")
    response = client.post(_url(session, anne), {"status": "cancelled"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith("<li")
    assert "Meldt afbud" in content
    assert Attendance.objects.get(enrollment=anne).status == "cancelled"


def test_a_citizen_on_the_waiting_list_has_no_register_row(client, world, courses, session):
    waiting = cf.EnrollmentFactory(
        course=courses.course, citizen=courses.nabo_citizens[1], waiting_position=1, start_date=None
    )
    client.force_login(world.staff)
    response = client.post(_url(session, waiting), {"status": "present"}, follow=True)
    assert "Borgeren har ikke en plads på forløbet." in response.content.decode()
    assert not Attendance.objects.exists()


def test_staff_elsewhere_read_the_catalogue_but_not_the_register(client, courses, session, anne):
    client.force_login(courses.griffen_staff)
    assert client.get(reverse("courses:detail", args=[courses.course.pk])).status_code == 200
    assert client.get(reverse("courses:register", args=[session.pk])).status_code == 404
    assert client.post(_url(session, anne), {"status": "present"}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_district_leader_reads_the_register_but_cannot_tap(
    client, world, courses, session, anne
):
    client.force_login(world.leader)
    response = client.get(reverse("courses:register", args=[session.pk]))
    assert response.status_code == 200
    assert "Anne" in response.content.decode()
    assert client.post(_url(session, anne), {"status": "present"}).status_code == 403


def test_another_districts_leader_gets_404(client, courses, session):
    client.force_login(courses.norrebro_leader)
    assert client.get(reverse("courses:detail", args=[courses.course.pk])).status_code == 404
    assert client.get(reverse("courses:register", args=[session.pk])).status_code == 404


def test_drop_ins_count_only_on_unreferred_courses(client, world, courses, session):
    client.force_login(world.staff)
    url = reverse("courses:drop_ins", args=[session.pk])
    response = client.post(url, {"change": "1"}, follow=True)
    assert "Kun uvisiterede forløb tæller drop-in-deltagere." in response.content.decode()
    Course.objects.filter(pk=courses.course.pk).update(kind="unreferred", end_date=None)
    client.post(url, {"change": "1"})
    client.post(url, {"change": "1"}, HTTP_HX_REQUEST="true")
    session.refresh_from_db()
    assert session.drop_ins == 2


def test_the_register_page_costs_the_same_for_many_participants(
    client, world, courses, session, django_assert_max_num_queries
):
    for citizen in courses.nabo_citizens[1:3]:
        cf.EnrollmentFactory(course=courses.course, citizen=citizen)
    client.force_login(world.staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("courses:register", args=[session.pk]))
    assert response.content.decode().count('class="roster-row') == 2


def test_the_district_leader_reads_the_participants_but_may_not_enrol(client, world, anne):
    client.force_login(world.leader)
    content = client.get(reverse("courses:detail", args=[anne.course_id])).content.decode()
    assert "Anne" in content
    assert "Tilmeld borger" not in content
    assert "Ryk op" not in content
