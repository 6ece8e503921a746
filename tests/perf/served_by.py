"""Which gunicorn worker served a response, for the bench's warm-up only (tests/perf/scenario.py).

Each worker keeps per-process caches for every user it serves (their scopes, the menu). A running
site's workers have served their staff for hours; a bench that starts gunicorn afresh and measures
at once finds most of a page's requests in a worker that never served that user that page
(issue 22: measured 3 December 2026). The warm-up reads this header to go on until every worker has
served every bench user every page.
"""

import os

HEADER = "X-Bench-Worker"


def worker_header(get_response):
    """Middleware: the serving process's id in the HEADER of every response."""

    def middleware(request):
        response = get_response(request)
        response[HEADER] = str(os.getpid())
        return response

    return middleware
