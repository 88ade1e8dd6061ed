"""Typed readers for environment variables.

Every reader raises ImproperlyConfigured with a one-line explanation when a value is
malformed, so a typo in a deployment stops start-up instead of silently falling back.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


# Django's own fallback prefix for generated development keys; refusing it outside DEBUG
# catches a key copied from a tutorial or from `startproject`.
INSECURE_KEY_PREFIX = "django-insecure"
MIN_SECRET_KEY_LENGTH = 50


def env_secret_key(name: str, *, debug: bool, development_default: str) -> str:
    """SECRET_KEY fails closed: outside DEBUG there is no default and weak keys are refused."""
    value = env_str(name)
    if debug:
        return value or development_default
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Set it to a long random value "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))") or set DEBUG=1 '
            "for local development."
        )
    if value.startswith(INSECURE_KEY_PREFIX) or len(value) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"{name} is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters."
        )
    return value
