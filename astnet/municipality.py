"""The municipality this installation serves, as data (issue 21): one accessor for Python and one
context processor for templates, so no page or module names a municipality itself."""

from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, lazy
from django.utils.text import capfirst
from django.utils.translation import gettext

from astnet.models import MUNICIPALITY_CACHE_KEY, Municipality

_REQUEST_CACHE = "_astnet_municipality"
# Saving the record clears the shared cache (Municipality.save); the timeout only bounds an edit
# made behind the ORM's back.
CACHE_SECONDS = 300

# The words used until an administrator has filled in the municipality in the admin: neutral, so a
# new installation never shows another municipality's name.
NEUTRAL = {
    "name": "kommunen",
    "administration": "Kommunen",
    "committee": "det politiske udvalg",
    "whole": "kommunen",
    "area": "område",
    "area_plural": "områder",
    "area_definite": "området",
    "area_plural_definite": "områderne",
}


def current(request: HttpRequest | None = None) -> Municipality:
    """The municipality record (one row, pk 1); an unsaved one with the NEUTRAL words when none
    is set up yet or the database cannot be read. Read through the shared cache, and with a
    `request` once per request."""
    if request is not None:
        cached = getattr(request, _REQUEST_CACHE, None)
        if cached is not None:
            return cached
    municipality = cache.get(MUNICIPALITY_CACHE_KEY)
    if municipality is None:
        try:
            municipality = Municipality.objects.filter(pk=1).first()
        except DatabaseError:
            # The error pages render through here: a database that is down (or not yet
            # migrated) must still get the "400"/"500" page, with the neutral words, uncached.
            municipality = Municipality(pk=1, **NEUTRAL)
        else:
            municipality = municipality or Municipality(pk=1, **NEUTRAL)
            cache.set(MUNICIPALITY_CACHE_KEY, municipality, CACHE_SECONDS)
    if request is not None:
        setattr(request, _REQUEST_CACHE, municipality)
    return municipality


def municipality(request: HttpRequest) -> dict:
    """Context processor: `municipality` on every template, read when a template first uses it:
    the htmx fragments (a check-in's row, say) never do, and need no cache read (issue 22)."""
    return {"municipality": SimpleLazyObject(lambda: current(request))}


def _area_label() -> str:
    return capfirst(current().area)


def _all_areas_label() -> str:
    return gettext("Alle %(areas)s") % {"areas": current().area_plural}


def _whole_label() -> str:
    return current().whole_label


# Labels for form fields declared on a class, read when the field is drawn (so after an
# administrator renames the area word, the next page shows it): "Bydel", "Alle bydele", "Hele byen".
AREA_LABEL = lazy(_area_label, str)()
ALL_AREAS_LABEL = lazy(_all_areas_label, str)()
WHOLE_LABEL = lazy(_whole_label, str)()
