"""The site's URLs plus one view that fails, to see the 500 page (tests/astnet/test_error_pages.py)."""

from django.urls import path

from astnet.urls import urlpatterns as site


def fails(request):
    raise RuntimeError("a bug")


urlpatterns = [*site, path("test-fejl/", fails)]
