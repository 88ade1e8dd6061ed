from django.utils.functional import SimpleLazyObject

from verbaende.models import Association


def site(request):
    """Associations for navigation and footer, queried only if a template uses them."""
    return {"site_associations": SimpleLazyObject(lambda: list(Association.objects.all()))}
