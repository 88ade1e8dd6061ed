from django.conf import settings
from django.utils.functional import SimpleLazyObject

from verzeichnis.vocabulary import load_associations


def site(request):
    """Associations for navigation and footer, cached; the site's configured address for
    canonical links (never the Host header, which error pages must not trust)."""
    return {
        "site_associations": SimpleLazyObject(load_associations),
        "site_url": settings.SITE_URL,
    }
