"""Which rows a staff member may see and touch in the admin, decided in one place.

`AssociationScopedAdmin` filters `get_queryset` by the staff member's association. Django's
admin routes the change list, change, delete and history views, actions (their queryset
comes from the change list), autocomplete (the *related* admin's `get_queryset`) and our
CSV export through `get_queryset`, so a row outside the association does not exist for
them: a direct URL answers 404. A later model with an `association` foreign key gets the
same scoping by subclassing and, if needed, setting `association_lookup`.
"""

from django.http import Http404

from verbaende.models import Association


def sees_all_associations(user):
    """Superusers and Landesverband staff see every association's members."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    association = getattr(user, "association", None)
    return association is not None and (
        association.kind == Association.Kind.STATE or association.slug == "landesverband"
    )


def staff_association_id(user):
    """The association a regional staff member looks after; None for everyone else."""
    if not (user.is_active and user.is_staff) or sees_all_associations(user):
        return None
    return user.association_id


def scope_to_association(queryset, user, lookup):
    """`queryset` restricted to what `user` may see; `lookup` leads to the association."""
    if sees_all_associations(user):
        return queryset
    association_id = staff_association_id(user)
    if association_id is None:
        # Staff without an association (and anyone who is not staff) see nothing.
        return queryset.none()
    return queryset.filter(**{lookup: association_id})


def visible_associations(user):
    associations = Association.objects.all()
    if sees_all_associations(user):
        return associations
    return associations.filter(pk=staff_association_id(user) or 0)


class AssociationScopedAdmin:
    """Mixin for a ModelAdmin whose rows belong to an association.

    Put it before `admin.ModelAdmin` (or SimpleHistoryAdmin) in the bases.
    """

    # How to get from this admin's model to its association.
    association_lookup = "association"
    # List filters that only make sense for people who see several associations.
    association_filters = ("association",)

    def scope_queryset(self, request, queryset):
        return scope_to_association(queryset, request.user, self.association_lookup)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if sees_all_associations(request.user):
            return filters
        return [f for f in filters if f not in self.association_filters]

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django would redirect to the index with "perhaps it was deleted?". An object of
        # another association must not even hint that it exists: 404 for every missing object.
        raise Http404

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if "queryset" not in kwargs:
            if related is Association:
                queryset = visible_associations(request.user)
                limit = db_field.get_limit_choices_to()
                kwargs["queryset"] = queryset.complex_filter(limit) if limit else queryset
            else:
                related_admin = self.admin_site._registry.get(related)
                if isinstance(related_admin, AssociationScopedAdmin):
                    kwargs["queryset"] = related_admin.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        # A new row of a regional staff member belongs to their association (save_model
        # enforces it); the form says so from the start.
        initial = super().get_changeform_initial_data(request)
        association_id = staff_association_id(request.user)
        if association_id is not None and self.association_lookup == "association":
            initial.setdefault("association", association_id)
        return initial

    def save_model(self, request, obj, form, change):
        # Regional staff cannot put a row into another association, whatever they post.
        association_id = staff_association_id(request.user)
        if association_id is not None and self.association_lookup == "association":
            obj.association_id = association_id
        super().save_model(request, obj, form, change)
