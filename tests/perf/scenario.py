"""Set-up and checks around the load run: bench users, their URLs, and the check-in tally."""

import datetime
import json
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from astnet.celery import app
from astnet.db_router import reading_from_replica
from astnet.figures import Period
from astnet.models import Membership, Report, Role
from astnet.reporting import dashboards
from astnet.reporting.reports import report_order
from astnet.reporting.tasks import refresh_dashboards
from citizens.models import Citizen, Enrollment, Goal, Visit
from offers.models import District, Offer
from tests.perf import pages as pages_names
from tests.perf import served_by

OUT = Path(__file__).resolve().parents[2] / "var" / "bench"


def prepare(*, users: int, password: str) -> dict:
    """`users` staff, each at one of the open offers and leader of its district, each with its own
    share of that offer's regulars to check in (none of them has a visit today)."""
    today = timezone.localdate()
    offers = list(Offer.objects.filter(status=Offer.Status.OPEN).order_by("pk"))
    Visit.objects.filter(day=today, offer__in=offers).delete()
    User = get_user_model()
    plan_users = []
    for number in range(users):
        offer = offers[number % len(offers)]
        user, _created = User.objects.get_or_create(username=f"bench-staff-{number}")
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(user=user, role=Role.STAFF, offer=offer)
        Membership.objects.get_or_create(user=user, role=Role.LEADER, district=offer.district)
        sharing = [n for n in range(users) if offers[n % len(offers)] == offer]
        regulars = list(
            Citizen.objects.filter(home_offers=offer).order_by("pk").values_list("pk", flat=True)
        )
        mine = regulars[sharing.index(number) :: len(sharing)]
        # The citizen pages the issue is about: citizens with a course and a goal.
        with_goals = set(
            Goal.objects.filter(citizen__in=mine, enrollment__isnull=False).values_list(
                "citizen_id", flat=True
            )
        )
        deep = [pk for pk in mine if pk in with_goals] or mine
        plan_users.append(
            {
                "username": user.username,
                "offer_id": offer.pk,
                "roster": reverse("citizens:today", args=[offer.pk]),
                "checkins": [
                    reverse("citizens:check_in", args=[offer.pk, pk]) for pk in mine[:400]
                ],
                "citizen_pages": [reverse("citizens:detail", args=[pk]) for pk in deep[:50]],
                "dashboard": reverse("dashboards:district", args=[offer.district_id]),
            }
        )
    counts = Visit.objects.aggregate(visits=Count("pk"))
    programme = reverse("offers_public:programme")
    monday = today - datetime.timedelta(days=today.weekday())
    # Visitors look at this week, the coming weeks and, now and then, weeks gone by.
    weeks = [monday + datetime.timedelta(weeks=offset) for offset in range(-4, 9)]
    return {
        "password": password,
        "users": plan_users,
        "anonymous_floor": reverse("bench_floor_anonymous"),
        "staff_floor": reverse("bench_floor_staff"),
        "programme": programme,
        "programme_weeks": [f"{programme}?uge={week.isoformat()}" for week in weeks],
        "administration": "administration",
        "city": reverse("dashboards:city"),
        "checkins_file": str(OUT / "checkins.json"),
        "requests_file": str(OUT / "requests.csv"),
        "offer_ids": [o.pk for o in offers],
        "offers": len(offers),
        "citizens": Citizen.objects.count(),
        "visits": counts["visits"],
        "depth": (
            f"{Enrollment.objects.count()} enrolments, {Goal.objects.count()} goals with ratings, "
            "consents, talks, follow-ups and council applications with votes (tests/perf/city.py)"
        ),
        "day": today.isoformat(),
    }


def logged_in(host: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(host + "/login/")
    response = session.post(
        host + "/login/",
        {"username": username, "password": password},
        headers={"X-CSRFToken": session.cookies.get("csrftoken", "")},
    )
    if "sessionid" not in session.cookies:
        raise RuntimeError(f"{username} could not log in ({response.status_code})")
    return session


def warm_up(plan: dict, host: str) -> None:
    """What a running site has already done: the beat task has counted the default dashboards,
    and every gunicorn worker has loaded its templates and URLs (a first request takes a second)."""
    refresh_dashboards()
    person = plan["users"][0]
    session = logged_in(host, plan["administration"], plan["password"])
    staff = logged_in(host, person["username"], plan["password"])
    for _round in range(8):
        for url in [person["roster"], person["citizen_pages"][0], person["dashboard"]]:
            staff.get(host + url, timeout=60)
        session.get(host + plan["city"], timeout=60)
        staff.get(host + plan["staff_floor"], timeout=60)
        requests.get(host + plan["programme"], timeout=60)
        requests.get(host + plan["anonymous_floor"], timeout=60)


def _served_by_every_worker(cookies: dict, host: str, url: str, workers: int) -> bool:
    """GET `url` with `cookies` until each of the `workers` gunicorn workers has served it (the
    worker's id is in a header, tests/perf/served_by.py); False if 100 requests did not reach
    them all (the kernel hands each connection to whichever worker accepts first)."""
    session = requests.Session()
    session.cookies.update(cookies)
    workers_seen = set()
    for _attempt in range(100):
        response = session.get(host + url, timeout=60)
        response.raise_for_status()
        workers_seen.add(response.headers[served_by.HEADER])
        if len(workers_seen) == workers:
            return True
    return False


def warm_every_user(plan: dict, host: str, workers: int) -> tuple[int, int]:
    """What a running site's workers have done by the busy hour: served every staff member each
    page they use (their floor, roster, a citizen page and their dashboard), so each worker keeps
    their scopes and menu (issue 22). Four users at a time, with the sessions `log_in_everyone`
    made; and the public programme's weeks that the visitors read. The check-in is left out: it
    would store visits. Returns (pages served by every worker, pages warmed)."""
    jobs = [
        (plan["sessions"][person["username"]], url)
        for person in plan["users"]
        for url in (
            plan["staff_floor"],
            person["roster"],
            person["citizen_pages"][0],
            person["dashboard"],
        )
    ]
    jobs += [({}, week) for week in plan["programme_weeks"]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        reached = list(
            pool.map(lambda job: _served_by_every_worker(job[0], host, job[1], workers), jobs)
        )
    return sum(reached), len(jobs)


def log_in_everyone(plan: dict, host: str) -> dict[str, dict[str, str]]:
    """Every bench user's session cookies, logged in over HTTP before the load starts."""
    usernames = [person["username"] for person in plan["users"]] + [plan["administration"]]
    return {
        username: logged_in(host, username, plan["password"]).cookies.get_dict()
        for username in usernames
    }


def verify_checkins(plan: dict, path: Path) -> dict:
    """Every successful check-in response is one stored visit, and nothing more."""
    responses = len(set(json.loads(path.read_text()))) if path.exists() else 0
    stored = Visit.objects.filter(
        day=datetime.date.fromisoformat(plan["day"]), offer__in=plan["offer_ids"]
    ).count()
    return {"responses": responses, "stored": stored, "ok": responses == stored}


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def time_city_report(env: dict) -> dict:
    """Order a city report for the last twelve months and time it until its PDF is stored, through
    a real worker process (solo pool: the task runs in the process whose memory is measured)."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "astnet",
            "worker",
            "--pool=solo",
            "-n",
            "bench@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1) and time.monotonic() < deadline:
            time.sleep(0.5)
        today = timezone.localdate()
        orderer = get_user_model().objects.get(username="administration")
        started = time.monotonic()
        report = report_order(
            ordered_by=orderer,
            district=None,
            period=Period(today - datetime.timedelta(days=364), today),
        )
        while time.monotonic() - started < 600:
            report.refresh_from_db()
            if report.status in {Report.Status.DONE, Report.Status.FAILED}:
                break
            time.sleep(0.2)
        seconds = time.monotonic() - started
        peak = _peak_rss_mb(worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return {"seconds": seconds, "peak_mb": peak, "status": report.status}


def in_process_dashboards() -> dict:
    """The slowest district's uncached dashboard, in-process (no HTTP, no cache), in ms: over the
    last twelve months and over the last month (issue 22: ≤ 250 ms for twelve months). Counted
    inside `reading_from_replica`, as the cached dashboards count them (no prepared statements)."""
    today = timezone.localdate()
    periods = {
        "dashboard_12_months_ms": Period(today - datetime.timedelta(days=364), today),
        "dashboard_1_month_ms": Period(today - datetime.timedelta(days=29), today),
    }
    timings = {}
    for key, period in periods.items():
        slowest = 0.0
        for district in District.objects.order_by("pk"):
            offers = Offer.objects.filter(district=district)
            with reading_from_replica():
                dashboards.district_dashboard(district=district, offers=offers, period=period)
                started = time.perf_counter()
                dashboards.district_dashboard(district=district, offers=offers, period=period)
            slowest = max(slowest, (time.perf_counter() - started) * 1000)
        timings[key] = slowest
    return timings


def in_process_pages(plan: dict, rounds: int = 15) -> dict[str, dict]:
    """Each page through Django's test client in this process (every middleware, the production
    settings, no HTTP, no gunicorn): the median of `rounds` requests' wall time, the part spent
    waiting for PostgreSQL, and the number of queries, in ms. Where a page's time goes."""
    from django.db import connection
    from django.test import Client

    person = plan["users"][0]
    staff = get_user_model().objects.get(username=person["username"])
    administration = get_user_model().objects.get(username=plan["administration"])
    pages = [
        (pages_names.STAFF_FLOOR, staff, "get", plan["staff_floor"]),
        (pages_names.ROSTER, staff, "get", person["roster"]),
        (pages_names.CITIZEN, staff, "get", person["citizen_pages"][0]),
        (pages_names.DASHBOARD, staff, "get", person["dashboard"]),
        (pages_names.CITY, administration, "get", plan["city"]),
        (pages_names.ANONYMOUS_FLOOR, None, "get", plan["anonymous_floor"]),
        (pages_names.PROGRAMME, None, "get", plan["programme"]),
        (pages_names.CHECK_IN, staff, "post", None),
    ]
    checkins = iter(person["checkins"][-rounds - 1 :])
    results = {}
    for name, user, method, url in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if user is not None:
            client.force_login(user)
        walls, sqls, counts = [], [], []
        for _round in range(rounds + 1):
            spent = [0.0, 0]

            def timed(execute, sql, params, many, context, spent=spent):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent[0] += time.perf_counter() - started
                    spent[1] += 1

            target = url or next(checkins)
            started = time.perf_counter()
            with connection.execute_wrapper(timed):
                if method == "post":
                    response = client.post(target, {"list": "roster"}, HTTP_HX_REQUEST="true")
                else:
                    response = client.get(target)
            wall = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{name}: {response.status_code}")
            if _round:  # the first request warms the session and the caches
                walls.append(wall * 1000)
                sqls.append(spent[0] * 1000)
                counts.append(spent[1])
        results[name] = {
            "wall": statistics.median(walls),
            "sql": statistics.median(sqls),
            "queries": statistics.median(counts),
        }
    return results
