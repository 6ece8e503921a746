"""400, 403, 404, 500 and a CSRF failure: Danish, in the site's layout (issue 17)."""

from django.test import Client
from django.urls import reverse

LAYOUT = 'class="header site-header"'


def assert_danish_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert LAYOUT in page and 'lang="da"' in page
    assert f"<h1>{heading}</h1>" in page
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error", "CSRF"):
        assert english not in page


def test_404_is_danish_in_the_layout(client, db):
    assert_danish_page(client.get("/findes-ikke/"), 404, "Siden findes ikke")


def test_403_is_danish_in_the_layout(client, world):
    client.force_login(world.staff)
    response = client.get(reverse("audit_log"))
    assert_danish_page(response, 403, "Du har ikke adgang til siden")


def test_400_for_an_unknown_host_is_danish_in_the_layout(client, db):
    assert_danish_page(
        client.get("/", HTTP_HOST="ukendt.example"), 400, "Forespørgslen kunne ikke forstås"
    )


def test_500_is_danish_in_the_layout(db, settings):
    settings.ROOT_URLCONF = "tests.astnet.error_urls"
    client = Client(raise_request_exception=False)
    assert_danish_page(client.get("/test-fejl/"), 500, "Der skete en fejl")


def test_a_csrf_failure_is_danish_in_the_layout(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    response = client.post(reverse("logout"))
    assert_danish_page(response, 403, "Formularen er udløbet")
    assert "_auth_user_id" in client.session, "nothing happened"
