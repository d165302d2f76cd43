"""The client's address for django-axes (AXES_CLIENT_IP_CALLABLE).

X-Forwarded-For is trusted only as far as TRUSTED_PROXY_COUNT says: each
trusted proxy appends the address it received the request from, so the
client is the entry that many places from the right. Anything further left
was written by the client and can be forged. With 0 (the default) the header
is ignored and REMOTE_ADDR is used.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than trusted proxies: every entry was written by one of
    # them, so the leftmost is the client.
    candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    return _valid(candidate) or remote
