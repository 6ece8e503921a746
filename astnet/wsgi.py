"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astnet.settings")

application = get_wsgi_application()

# Everything loaded so far lives as long as the worker: Django, the apps, the URLconf and every
# view it imports. Frozen, the garbage collector never walks it again. Unfrozen, each full
# collection walked some 186,000 objects and held up whichever request set it off by 86 ms,
# measured on the citizen page (issue 22: the pages' slowest few per cent).
get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view now
gc.collect()
gc.freeze()
