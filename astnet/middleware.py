"""The second factor: leaders, administration and the data-protection officer must confirm a TOTP
code before they reach anything but the pages that set one up or log them out."""

import re

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from astnet import access
from astnet.models import Role

SECOND_FACTOR_ROLES = (Role.LEADER, Role.ADMINISTRATION, Role.DATA_PROTECTION_OFFICER)
_OPEN_URL_NAMES = ("second_factor_verify", "second_factor_setup", "logout", "healthz")


def needs_second_factor(user) -> bool:
    return (
        settings.REQUIRE_OTP
        and user.is_authenticated
        and access.has_role(user, *SECOND_FACTOR_ROLES)
        and not user.is_verified()
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request.user):
            open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                return redirect("second_factor_verify")
        return self.get_response(request)


class NoStoreWhenSignedInMiddleware:
    """Every response to a signed-in user may carry personal data, so no browser, proxy or shared
    computer keeps a copy: `Cache-Control: no-store` (issue 16). Public pages keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


_STYLE_TAG = re.compile(rb"<style(?=[\s>])(?![^>]*\snonce=)")


class StyleNonceMiddleware:
    """Gives every <style> element of our HTML the request's CSP nonce.

    Server-drawn SVG charts (pygal) carry their own <style>; the policy allows no inline style
    without a nonce, and templates never emit <style> from user input (it is always escaped).
    Listed after django-csp's middleware, so the nonce used here is the one its header announces.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            getattr(response, "streaming", False)
            or not content_type.startswith("text/html")
            or b"<style" not in response.content
        ):
            return response
        nonce = str(request.csp_nonce).encode()
        response.content = _STYLE_TAG.sub(b'<style nonce="' + nonce + b'"', response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


class DanishUnlessChosenMiddleware:
    """Danish for everyone unless they chose English with the language switch (a cookie).

    Without this, Django would follow the browser's Accept-Language, and a visitor with an English
    browser would get English dates around Danish text. Listed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
