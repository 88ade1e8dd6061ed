"""The web origins a widget may be embedded on: "https://host" or "https://host:port",
one per line, nothing else.

They go verbatim into the widget's `Content-Security-Policy: frame-ancestors`, so anything
that is not exactly an https origin is refused: a path, a wildcard, a second scheme or a
stray quote would widen or break the policy.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kern.text import printable_excerpt

MAX_ORIGINS = 10
# A host name of letters, digits and hyphens between dots (IDN in its xn-- form).
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")


def parse_origin(text: str) -> str:
    """`text` as an https origin ("https://www.example.org"), or ValidationError."""
    value = text.strip()
    refused = ValidationError(
        _("“%(value)s” is not a web origin such as https://www.example.org.")
        % {"value": printable_excerpt(value)}
    )
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise refused from None
    if parts.scheme.lower() != "https":
        raise ValidationError(
            _("“%(value)s” does not start with https://: only encrypted sites may embed.")
            % {"value": printable_excerpt(value)}
        )
    host = (parts.hostname or "").lower()
    if (
        not HOST.match(host)
        or parts.username is not None
        or parts.password is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or value.endswith("?")
        or value.endswith("#")
    ):
        raise refused
    return f"https://{host}" + (f":{port}" if port and port != 443 else "")


def parse_origins(text: str) -> list[str]:
    """The origins of `text`, one per line (blank lines ignored, duplicates dropped)."""
    origins, errors = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        try:
            origin = parse_origin(line)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if origin not in origins:
            origins.append(origin)
    if len(origins) > MAX_ORIGINS:
        errors.append(
            _("At most %(number)s web origins, please: one line per website.")
            % {"number": MAX_ORIGINS}
        )
    if errors:
        raise ValidationError(errors)
    return origins


def website_origin(website: str) -> str:
    """The https origin of an association's website, or "" if it has none that fits."""
    if not website:
        return ""
    parts = urlsplit(website)
    try:
        return parse_origin(f"https://{parts.netloc}")
    except ValidationError:
        return ""
