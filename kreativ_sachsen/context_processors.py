from django.utils.functional import SimpleLazyObject

from verzeichnis.vocabulary import load_associations


def site(request):
    """Associations for navigation and footer, cached."""
    return {"site_associations": SimpleLazyObject(load_associations)}
