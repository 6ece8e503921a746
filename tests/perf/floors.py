"""The two floors every page is measured against (issue 22), served by the bench's own URLconf
(tests/perf/urls.py), never by production's: each does the least a page of its kind must do.

- The anonymous floor: no session, no user, one query; what a public page cannot do with less.
- The staff floor: reads the session, the user and the memberships (as every staff page does,
  through the access door), then one query.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from astnet import access

_PAGE = "<!doctype html><html lang=da><title>floor</title><p>{}</p></html>"


def _one_query() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


@require_GET
@never_cache
def anonymous_floor(request: HttpRequest) -> HttpResponse:
    """One query, nothing else: the floor of the public programme."""
    return HttpResponse(_PAGE.format(_one_query()))


@require_GET
@never_cache
def staff_floor(request: HttpRequest) -> HttpResponse:
    """Session, user and memberships (three queries) and one query: the floor of staff pages."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    roles = len(access.memberships(request.user))
    return HttpResponse(_PAGE.format(_one_query() + roles))
