"""Admin views the project replaces: Django's own do not know our scoping."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, for rows the staff member may see in the admin.

    Django's shortcut redirects any staff member to any row's address, so another
    association's draft gave away its slug. Here the row is looked up through the admin
    that shows it (its scoped `get_queryset`); a row of another association, of a model
    without an admin, or one the staff member may not view answers 404 like a missing one.
    """
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ValueError, ContentType.DoesNotExist):
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        raise Http404
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, obj.pk)
