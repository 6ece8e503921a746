"""The second factor: leaders, administration and the data-protection officer must confirm a TOTP
code before they reach anything but the pages that set one up or log them out."""

import re
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from astnet import access
from astnet.models import Role

SECOND_FACTOR_ROLES = (Role.LEADER, Role.ADMINISTRATION, Role.DATA_PROTECTION_OFFICER)
_OPEN_URL_NAMES = ("second_factor_verify", "second_factor_setup", "logout", "healthz")


def needs_second_factor(user) -> bool:
    return (
        settings.REQUIRE_OTP
        and user.is_authenticated
        and access.has_role(user, *SECOND_FACTOR_ROLES)
        and not user.is_verified()
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request.user):
            open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                return redirect("second_factor_verify")
        return self.get_response(request)


class NoStoreWhenSignedInMiddleware:
    """Every response to a signed-in user may carry personal data, so no browser, proxy or shared
    computer keeps a copy: `Cache-Control: no-store` (issue 16). Public pages keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


_STYLE_TAG = re.compile(rb"<style(?=[\s>])(?![^>]*\snonce=)")


class StyleNonceMiddleware:
    """Gives every <style> element of our HTML the request's CSP nonce.

    Server-drawn SVG charts (pygal) carry their own <style>; the policy allows no inline style
    without a nonce, and templates never emit <style> from user input (it is always escaped).
    Listed after django-csp's middleware, so the nonce used here is the one its header announces.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            getattr(response, "streaming", False)
            or not content_type.startswith("text/html")
            or b"<style" not in response.content
            # Every <style> already has its nonce (the dashboards fill theirs in): two scans in C
            # instead of a regular expression over the page (issue 22).
            or response.content.count(b"<style") == response.content.count(b"<style nonce=")
        ):
            return response
        nonce = str(request.csp_nonce).encode()
        response.content = _STYLE_TAG.sub(b'<style nonce="' + nonce + b'"', response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


class DanishUnlessChosenMiddleware:
    """Danish for everyone unless they chose English with the language switch (a cookie).

    Without this, Django would follow the browser's Accept-Language, and a visitor with an English
    browser would get English dates around Danish text. Listed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# Elements that poll in the background send this header with their htmx requests (templates carry
# it next to every hx-trigger="every …"; tests/astnet/test_sessions.py checks that they all do).
BACKGROUND_POLL_HEADER = "X-Background-Poll"
# The idle half hour is renewed at most this often (issue 22).
SESSION_REFRESH_SECONDS = 60
_REFRESHED_AT = "_idle_refreshed_at"


class IdleAwareSessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware with the idle timeout renewed at most once a minute, and never
    by a background poll: one mechanism for issues 17 and 22.

    SESSION_SAVE_EVERY_REQUEST would write the session row (SELECT, UPDATE, COMMIT) on every
    request: 2.3 ms of a 3.4 ms page floor (issue 22). Here a request that used the session renews
    its expiry when the last renewal is a minute old or more, so a session idle for
    SESSION_COOKIE_AGE seconds still ends, a minute early at most. A background poll (a report
    archive or a big screen left open) renews nothing, so it cannot keep a PC logged in for ever
    (issue 17). A request that never touched the session (a public page without a login) reads
    and writes nothing here.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and request.headers.get(BACKGROUND_POLL_HEADER) == "1"
            and not session.modified
        ):
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        if session is not None and session.accessed and session.session_key is not None:
            now = int(time.time())
            if now - session.get(_REFRESHED_AT, 0) >= SESSION_REFRESH_SECONDS:
                session[_REFRESHED_AT] = now
        return super().process_response(request, response)


class HtmxLoginRedirectMiddleware:
    """An htmx request that needs a login it no longer has sends the whole page to the login page.

    Without this, htmx follows the redirect itself and swaps the login form into a table row. The
    browser instead goes to the login page with `next` set to the page the user was on (not to the
    htmx endpoint), and static/js/session.js keeps what was typed to put it back afterwards.
    Listed after django-htmx's middleware (it reads request.htmx).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.status_code not in (301, 302):
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        if urlsplit(response["Location"]).path != login_path:
            return response
        current = urlsplit(request.htmx.current_url or "")
        back = current.path + (f"?{current.query}" if current.query else "")
        if not back or not url_has_allowed_host_and_scheme(
            request.htmx.current_url, allowed_hosts={request.get_host()}
        ):
            back = request.get_full_path()
        return HttpResponseClientRedirect(f"{login_path}?{urlencode({'next': back})}")
