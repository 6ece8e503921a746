"""The idle timeout without a session write on every request (issue 22).

Django's SESSION_SAVE_EVERY_REQUEST renews the half hour by writing the session row (SELECT,
UPDATE, COMMIT) on every request: 2.3 ms of a 3.4 ms page floor. Here the session is written at
most once a minute: a session idle for SESSION_COOKIE_AGE seconds still ends, give or take
REFRESH_SECONDS (it lives between 29 and 30 idle minutes instead of exactly 30).
"""

import time

from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 60
_REFRESHED_AT = "_idle_refreshed_at"


class IdleTimeoutMiddleware:
    """Renews the session's expiry when the request used the session and the last renewal is a
    minute old or more. Listed after SessionMiddleware, so the session it marks as modified is
    saved (with a fresh expiry date) by SessionMiddleware on the way out. A request that never
    touched the session (a public page without a login) reads and writes nothing here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.session_key is None:
            return response
        now = int(time.time())
        if now - session.get(_REFRESHED_AT, 0) >= REFRESH_SECONDS:
            session[_REFRESHED_AT] = now
        return response
