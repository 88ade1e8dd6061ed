from django.utils.translation import get_language


def localized(instance, field: str) -> str:
    """The English variant of `field` when English is active and filled in, else the German one.

    Content written by staff (names, descriptions) is German first; an English translation is
    optional, so an empty English field must fall back rather than show nothing.
    """
    if (get_language() or "").startswith("en"):
        english = getattr(instance, f"{field}_en", "")
        if english:
            return english
    return getattr(instance, field)
