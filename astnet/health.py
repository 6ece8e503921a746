"""/healthz: the state of the database and the broker, for the load balancer and compose."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down" to the caller
        return False


def broker_state() -> str:
    """'ok', 'down', or 'in-process' when tasks run eagerly without a broker."""
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        return "ok" if client.ping() else "down"
    except redis.RedisError:
        return "down"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while pages can be served, 503 when the database is down.

    A broker (Redis) that is down is reported but answers 200: pages still work without it
    (the cache reads as empty, reports wait for the beat sweep), and a load balancer that took
    every web container out of rotation for it would turn a slow site into no site (issue 17).
    """
    database = "ok" if database_ok() else "down"
    broker = broker_state()
    return JsonResponse(
        {"database": database, "broker": broker}, status=200 if database == "ok" else 503
    )


@require_GET
@never_cache
def healthz_database(request: HttpRequest) -> JsonResponse:
    """The database alone, in one query: the floor the benchmarks compare every page with."""
    ok = database_ok()
    return JsonResponse({"database": "ok" if ok else "down"}, status=200 if ok else 503)


class HealthCheckMiddleware:
    """Answers the health probes before any other middleware looks at the request (issue 17).

    A load balancer and the container's own healthcheck probe `http://<address>:8000/healthz`: a
    host that is not in ALLOWED_HOSTS and plain http. Host validation (400) and the https redirect
    (301) must not stand between them and the answer, and the probe needs no session or CSRF
    cookie. Listed first in MIDDLEWARE; every other path goes on unchanged.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.probes = {"/healthz": healthz, "/healthz/db": healthz_database}

    def __call__(self, request: HttpRequest):
        probe = self.probes.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
