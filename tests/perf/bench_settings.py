"""Production settings with the bench's URLconf (the two floors added), for run_bench.py's gunicorn.

Everything else is astnet.settings as production runs it: same middleware, sessions, database
options and caches, so a page and its floor pay the same fixed costs.
"""

from astnet.settings import *  # noqa: F403 - derived settings: all of production's, one change

ROOT_URLCONF = "tests.perf.urls"
