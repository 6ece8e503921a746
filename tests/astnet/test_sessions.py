"""Expired sessions and htmx, and background polls that must not keep a session alive (issue 17)."""

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.contrib.sessions.models import Session
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from astnet.middleware import BACKGROUND_POLL_HEADER
from astnet.models import Report
from citizens.models import Visit
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
PAGE = "/borgere/i-dag/"
SAMPLE = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "0" * 32}


def every_path(patterns=None, prefix=""):
    """Every URL of the site with its parameters filled in (int 1, slug/str "x"), admin aside."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(pattern.pattern)
        if route.startswith(("admin/", "^admin")):
            continue
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], route)
        route = route.lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from every_path(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + route


def htmx(client, method, path, **headers):
    return getattr(client, method)(
        path, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{PAGE}", **headers
    )


def test_no_htmx_endpoint_swaps_the_login_page_into_the_page(client, db):
    """Walks the whole URL list as an htmx request without a session (expired), GET and POST."""
    login = reverse("login")
    paths = sorted(set(every_path()))
    assert len(paths) > 50
    redirected = 0
    for path in paths:
        if path == login:
            continue
        for method in ("get", "post"):
            response = htmx(client, method, path)
            location = urlsplit(response.get("Location", ""))
            assert not (response.status_code in (301, 302) and location.path == login), (
                f"{method.upper()} {path}: htmx would swap the login page into the page"
            )
            assert 'name="password"' not in response.content.decode(errors="ignore"), path
            if "HX-Redirect" in response:
                redirect = urlsplit(response["HX-Redirect"])
                assert redirect.path == login
                assert parse_qs(redirect.query)["next"] == [PAGE], path
                redirected += 1
    assert redirected > 50, "the walk reached the pages behind the login"


def test_an_expired_session_sends_check_in_to_the_login_page_and_saves_nothing(client, world):
    citizen = f.CitizenFactory()
    client.force_login(world.staff)
    Session.objects.all().delete()  # the 30 idle minutes have passed
    url = reverse("citizens:check_in", args=[world.nabo.pk, citizen.pk])
    today = reverse("citizens:today", args=[world.nabo.pk])

    response = client.post(
        url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{today}?q=an"
    )

    assert response.status_code == 200 and response.content == b""
    redirect = urlsplit(response["HX-Redirect"])
    assert redirect.path == reverse("login")
    assert parse_qs(redirect.query)["next"] == [f"{today}?q=an"]
    assert not Visit.objects.exists()


def test_a_next_pointing_elsewhere_is_not_followed(client, db):
    response = client.get(
        reverse("home"), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/x"
    )
    assert parse_qs(urlsplit(response["HX-Redirect"]).query)["next"] == [reverse("home")]


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_background_poll_does_not_extend_the_session_but_a_click_does(client, world):
    client.force_login(world.administration)
    soon = timezone.now() + datetime.timedelta(minutes=3)
    Session.objects.update(expire_date=soon)
    report = Report.objects.create(
        ordered_by=world.administration,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
    )
    poll = {"HTTP_HX_REQUEST": "true", "HTTP_X_BACKGROUND_POLL": "1"}

    response = client.get(reverse("dashboards:report_row", args=[report.pk]), **poll)
    assert response.status_code == 200
    assert _expiry(client) == soon

    client.get(reverse("dashboards:reports"))
    assert _expiry(client) > soon + datetime.timedelta(minutes=20)


def test_every_background_poll_in_the_templates_says_so():
    polls = []
    for template in (ROOT / "templates").rglob("*.html"):
        for element in re.findall(r"<[^>]*hx-trigger=\"[^\"]*every [^>]*>", template.read_text()):
            polls.append(template.name)
            assert f'"{BACKGROUND_POLL_HEADER}": "1"' in element, f"{template}: {element}"
    assert {"report_list.html", "screen.html"} <= set(polls)
