from django.utils.functional import SimpleLazyObject

from mitglieder.vocabulary import load_vocabulary


def site(request):
    """Associations for navigation and footer, from the cached vocabulary."""
    return {"site_associations": SimpleLazyObject(lambda: load_vocabulary().associations)}
