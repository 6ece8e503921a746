"""The WSGI entry point leaves what lives as long as the worker out of the garbage collector's
full collections (issue 22: one took 86 ms of a request)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import gc, json
import astnet.wsgi
import citizens.views.citizen  # a view: imported with the URLconf, before the freeze
frozen = gc.get_freeze_count()
print(json.dumps({"frozen": frozen, "still_walked": len(gc.get_objects())}))
"""


def test_a_worker_freezes_django_the_apps_and_every_view_before_its_first_request():
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "STATIC_MANIFEST": "0",
        "DJANGO_SETTINGS_MODULE": "astnet.settings",
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    # Tens of thousands of objects frozen; what a full collection still walks is a small part.
    assert counts["frozen"] > 50_000, counts
    assert counts["still_walked"] < counts["frozen"] / 20, counts
