"""Headers that keep a browser from running or framing anything we did not serve ourselves."""

import re

import pytest
from django.urls import path, reverse


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_refuse_framing_and_sniffing(client, db):
    response = client.get(reverse("public_home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_carry_no_inline_script(client, world):
    client.force_login(world.staff)
    for url in (reverse("login"), reverse("public_home"), reverse("home_staff")):
        page = client.get(url, follow=True).content.decode()
        for chunk in page.split("<script")[1:]:
            assert chunk.split(">", 1)[0].strip().startswith("src="), url


def test_style_elements_get_the_nonce_the_policy_announces(rf):
    from django.http import HttpResponse

    from astnet.middleware import StyleNonceMiddleware

    request = rf.get("/")
    request.csp_nonce = "abc123"
    page = b'<svg><style>.a{fill:red}</style></svg><style nonce="old">x</style>'
    response = StyleNonceMiddleware(lambda r: HttpResponse(page))(request)

    assert b'<style nonce="abc123">.a{fill:red}</style>' in response.content
    assert b'<style nonce="old">' in response.content
    assert response.content.count(b"abc123") == 1


def _page_with_a_chart(request):
    from django.http import HttpResponse

    return HttpResponse("<html><body><svg><style>.bar{fill:#004993}</style></svg></body></html>")


urlpatterns = [path("chart/", _page_with_a_chart)]


@pytest.mark.urls("tests.astnet.test_security_headers")
def test_the_nonce_in_the_page_is_the_one_the_header_announces(client, db):
    response = client.get("/chart/")

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'<style nonce="{nonce}">'.encode() in response.content
