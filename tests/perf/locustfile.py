"""The load: staff at their offers at the busy hour, two people in the administration, and
anonymous visitors reading the public programme. Every URL comes from the plan that run_bench.py
wrote (reversed from the URLconf), so nothing here knows the routes. Each kind of user requests
the floor of its kind as often as its busiest page (tests/perf/pages.py)."""

import csv
import itertools
import json
import os
import random
import threading
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

from tests.perf import pages
from tests.perf.served_by import HEADER

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
_people = itertools.cycle(PLAN["users"])
_lock = threading.Lock()
_checked_in: list[str] = []


# Every request answered once all users have started (when locust's --reset-stats clears its own
# statistics too): when it started (s), the page, ms, the worker that served it and the bench user
# (staff only), for where a page's tail comes from (tests/perf/tails.py).
_answered: list[tuple] = []
_all_started = threading.Event()


@events.spawning_complete.add_listener
def _note_all_started(user_count, **kwargs):
    _all_started.set()


@events.request.add_listener
def _note_request(name, response_time, response, context, start_time, **kwargs):
    if not _all_started.is_set():
        return
    worker = response.headers.get(HEADER, "") if response is not None else ""
    _answered.append((start_time, name, response_time, worker, context.get("user", "")))


@events.quitting.add_listener
def _write_checkins(environment, **kwargs):
    Path(PLAN["checkins_file"]).write_text(json.dumps(_checked_in))
    with open(PLAN["requests_file"], "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["start", "page", "ms", "worker", "user"])
        writer.writerows(_answered)


def _use_session(client, username: str) -> None:
    """The session run_bench.py logged in before the clock started: the busy hour is check-ins,
    not a login storm (a login costs a deliberately slow Argon2 hash). Set for the server's own
    domain, so the cookies it sends back replace these instead of standing beside them."""
    domain = urlsplit(client.base_url).hostname
    for name, value in PLAN["sessions"][username].items():
        client.cookies.set(name, value, domain=domain, path="/")


class Staff(HttpUser):
    # Each of the staff acts every 3 to 10 seconds: busier than any real check-in desk.
    wait_time = between(3, 10)

    def context(self):
        return {"user": self.person["username"]}

    def on_start(self):
        with _lock:
            self.person = next(_people)
        self.pending = list(self.person["checkins"])
        _use_session(self.client, self.person["username"])

    def _post(self, url, name):
        return self.client.post(
            url,
            headers={
                "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
                "HX-Request": "true",
                "Referer": self.host + url,
            },
            name=name,
            catch_response=True,
        )

    # As often as the roster: the floor is what every staff page is measured against.
    @task(6)
    def floor(self):
        self.client.get(PLAN["staff_floor"], name=pages.STAFF_FLOOR)

    @task(6)
    def roster(self):
        self.client.get(self.person["roster"], name=pages.ROSTER)

    @task(6)
    def check_in(self):
        if not self.pending:
            return
        url = self.pending.pop()
        with self._post(url, pages.CHECK_IN) as response:
            if response.status_code == 200:
                response.success()
                with _lock:
                    _checked_in.append(url)
            else:
                response.failure(f"status {response.status_code}")

    @task(3)
    def citizen_page(self):
        self.client.get(random.choice(self.person["citizen_pages"]), name=pages.CITIZEN)

    @task(1)
    def district_dashboard(self):
        self.client.get(self.person["dashboard"], name=pages.DASHBOARD)


class Administration(HttpUser):
    """A couple of people in the administration reading the city overview beside the staff."""

    fixed_count = 2
    wait_time = between(2, 5)

    def on_start(self):
        _use_session(self.client, PLAN["administration"])

    @task
    def city_overview(self):
        self.client.get(PLAN["city"], name=pages.CITY)


class Visitor(HttpUser):
    """Someone without a login reading the public programme, this week or another: no session,
    no memberships, measured against the anonymous floor."""

    fixed_count = int(os.environ.get("BENCH_VISITORS", "10"))
    wait_time = between(2, 6)

    @task(3)
    def programme(self):
        self.client.get(random.choice(PLAN["programme_weeks"]), name=pages.PROGRAMME)

    @task(3)
    def floor(self):
        self.client.get(PLAN["anonymous_floor"], name=pages.ANONYMOUS_FLOOR)
