"""The visitor's IP address, for login throttling and the contact form's rate limits."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address the outermost of them
    appended to X-Forwarded-For. Entries further left were written by the client and could
    be anything, so they are never used."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
