"""`make bench`: the city at scale, served the way production serves it, under load.

1. Builds (or reuses) the city-scale data set on PostgreSQL (`seed_demo --scale city`).
2. Serves the app with gunicorn (production settings, 4 workers) on 127.0.0.1.
3. Drives it with locust (headless) as 50 concurrent staff for a bounded time, next to a floor: a view
   that makes one database query, served the same way.
4. Times a city report PDF end to end through a real Celery worker, with the worker's peak memory.
5. Writes the figures to tests/perf/RESULTS.md and prints them.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/astnet_bench),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/3), BENCH_USERS (50), BENCH_SECONDS (180).
"""

import csv
import datetime
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
RESULTS = Path(__file__).with_name("RESULTS.md")
PORT = 8765
HOST = f"http://127.0.0.1:{PORT}"
PASSWORD = "bench-Korrekt-Hest-42"

ENV = {
    **os.environ,
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/astnet_bench"
    ),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production"),
    "STATIC_MANIFEST": "1",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DEMO_PASSWORD": PASSWORD,
    "CONN_MAX_AGE": "60",
    "LOG_LEVEL": "WARNING",
}
ENV.pop("DEBUG", None)
ENV.pop("DATABASE_REPLICA_URL", None)
USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "180"))
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def step(message: str) -> None:
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def ensure_database() -> None:
    import psycopg

    url = ENV["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def django_setup() -> None:
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astnet.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def run_load(plan_path: Path) -> dict:
    """Locust, headless, as USERS staff for SECONDS seconds; returns the per-page statistics."""
    prefix = OUT / "locust"
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--only-summary",
            "-u",
            # The staff, and the two people in the administration (a fixed count in the locustfile).
            str(USERS + 2),
            "-r",
            str(max(1, USERS // 5)),
            "-t",
            f"{SECONDS}s",
            "--host",
            HOST,
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            # Check-ins in flight when the time is up finish, so every stored visit has its response.
            "--stop-timeout",
            "30",
        ],
        cwd=ROOT,
        env={**ENV, "BENCH_PLAN": str(plan_path)},
        check=False,
    )
    stats = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                continue
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
                "rps": float(row["Requests/s"]),
            }
    return stats


def results_table(stats: dict, floor_name: str) -> list[str]:
    floor = stats.get(floor_name, {}).get("p95") or 1.0
    lines = [
        "| page | requests | failures | p50 ms | p95 ms | p95 / floor | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in sorted(stats.items()):
        lines.append(
            f"| {name} | {row['requests']} | {row['failures']} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['p95'] / floor:.1f}× | {row['rps']:.1f} |"
        )
    return lines


def verdicts(stats: dict, floor_name: str, report: dict) -> list[str]:
    """Each target of issue 11, the figure measured, and whether it was reached."""
    floor = stats.get(floor_name, {}).get("p95") or 1.0

    def p95(name):
        return stats.get(name, {}).get("p95", float("nan"))

    checks = [
        ("check-in p95 ≤ 3× floor", p95("check-in (htmx POST)") / floor, 3, "×"),
        ("roster p95 ≤ 5× floor", p95("roster") / floor, 5, "×"),
        ("district dashboard p95 ≤ 250 ms", p95("district dashboard"), 250, " ms"),
        ("city overview p95 ≤ 500 ms", p95("city overview"), 500, " ms"),
        ("city report ≤ 15 s", report["seconds"], 15, " s"),
        ("city report ≤ 500 MB", report["peak_mb"], 500, " MB"),
    ]
    return [
        f"- {name}: {value:.1f}{unit}, {'reached' if value <= limit else 'NOT reached'}"
        for name, value, limit, unit in checks
    ]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    step("database")
    ensure_database()
    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    manage("seed_demo")
    step("city-scale data (reused when present)")
    manage("seed_demo", "--scale", "city")

    django_setup()
    from tests.perf import scenario

    plan = scenario.prepare(users=USERS, password=PASSWORD)
    plan_path = OUT / "plan.json"
    plan_path.write_text(json.dumps(plan))

    step("gunicorn, 4 workers, production settings")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "astnet.wsgi:application", "-w", "4", "-b", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{HOST}/healthz/db")
        step("warm-up: default dashboards counted, every worker has served each page")
        scenario.warm_up(plan, HOST)
        step("logging everyone in")
        plan["sessions"] = scenario.log_in_everyone(plan, HOST)
        plan_path.write_text(json.dumps(plan))
        step(f"locust: {USERS} staff for {SECONDS} s")
        stats = run_load(plan_path)
    finally:
        server.terminate()
        server.wait(timeout=30)

    checkins = scenario.verify_checkins(plan, OUT / "checkins.json")
    step("city report through a real Celery worker")
    report = scenario.time_city_report(ENV)

    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M} on {platform.node()} "
        f"({os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"PostgreSQL, gunicorn 4 workers), {USERS} concurrent users for {SECONDS} s.",
        f"Data: {plan['offers']} offers, {plan['citizens']} citizens, {plan['visits']} visits.",
        "",
        *results_table(stats, scenario.FLOOR),
        "",
        f"Check-ins: {checkins['responses']} successful responses, "
        f"{checkins['stored']} visits stored ({'none lost' if checkins['ok'] else 'MISMATCH'}).",
        "",
        f"City report PDF: {report['seconds']:.1f} s end to end, worker peak memory "
        f"{report['peak_mb']:.0f} MB, status {report['status']}.",
        "",
        "Targets:",
        "",
        *verdicts(stats, scenario.FLOOR, report),
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))
    failures = sum(row["failures"] for row in stats.values())
    return 0 if failures == 0 and checkins["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
