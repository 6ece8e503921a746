"""Production settings with the bench's URLconf (the two floors added), for run_bench.py's gunicorn.

Everything else is astnet.settings as production runs it: same middleware, sessions, database
options and caches, so a page and its floor pay the same fixed costs. One header is added to every
response, which worker served it (tests/perf/served_by.py), for the warm-up.
"""

from astnet.settings import *  # noqa: F403 - derived settings: all of production's, two changes
from astnet.settings import MIDDLEWARE

ROOT_URLCONF = "tests.perf.urls"
MIDDLEWARE = ["tests.perf.served_by.worker_header", *MIDDLEWARE]
