"""The client's address as the app should believe it: one function for lockout and audit (issue 17).

Behind the load balancer every request comes from the proxy's address; the client's own is in
X-Forwarded-For, where each proxy appends the address it received the request from. Only the
entries written by our own proxies can be trusted: with TRUSTED_PROXY_COUNT = N the client is the
N-th address from the right. Anything to the left of it was written by the client and may be forged.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address (IPv4 or IPv6 text), or None when there is no request.

    With TRUSTED_PROXY_COUNT = 0 (no proxy) it is REMOTE_ADDR and X-Forwarded-For is ignored. With
    N > 0 it is the N-th entry from the right of X-Forwarded-For; when the header has fewer entries
    (a request that bypassed the proxies) or the entry is not an address, REMOTE_ADDR.
    """
    if request is None:
        return None
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
