"""One scoping mechanism for everything that belongs to an association.

Every association-owned model has a QuerySet derived from `AssociationScopedQuerySet` and
names the way to its association in one class attribute, `association_path`
("association", "profile__association"). The QuerySet answers:

- `visible_to(user)`: what a staff member may see and change. Superusers and staff of the
  Landesverband (the association of kind "state") see everything, staff of a regional
  association their association's rows, everyone else (staff without an association too)
  nothing.
- `public()`: what anyone may see; each model says what that means.
- `in_association(association)`: what the public pages show under one association.

`AssociationScopedAdmin` filters with `visible_to` only. Django's admin routes the change
list, change, delete and history views, actions (their queryset comes from the change
list), autocomplete (the *related* admin's `get_queryset`) and our CSV export through
`get_queryset`, so a row outside the staff member's association does not exist for them: a
direct URL answers 404.
"""

from django.db import models
from django.http import Http404

from verbaende.models import Association


def sees_all_associations(user):
    """Superusers and Landesverband staff see every association's rows."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    association = getattr(user, "association", None)
    return association is not None and association.is_state_association


def staff_association_id(user):
    """The association a regional staff member looks after; None for everyone else."""
    if not (user.is_active and user.is_staff) or sees_all_associations(user):
        return None
    return user.association_id


def may_edit_association(user, association):
    """Staff keep their own association's page; the Landesverband and superusers every
    association's."""
    if sees_all_associations(user):
        return True
    own = staff_association_id(user)
    return own is not None and association is not None and association.pk == own


def visible_associations(user):
    """The associations a staff member may file rows under."""
    associations = Association.objects.all()
    if sees_all_associations(user):
        return associations
    return associations.filter(pk=staff_association_id(user) or 0)


class AssociationScopedQuerySet(models.QuerySet):
    """The QuerySet of every model that belongs to an association (see the module docstring).

    The model sets `association_path`, the lookup from it to its association.
    """

    def visible_to(self, user):
        if sees_all_associations(user):
            return self.all()
        association_id = staff_association_id(user)
        if association_id is None:
            # Staff without an association, members and visitors see nothing.
            return self.none()
        return self.filter(**{self.model.association_path: association_id})

    def public(self):
        raise NotImplementedError(f"{self.model.__name__} does not say what the public may see.")

    def in_association(self, association):
        """The rows of `association`: what it wrote or organised itself."""
        return self.filter(**{self.model.association_path: association})


class MemberContentQuerySet(AssociationScopedQuerySet):
    """Rows that belong to members (profiles and what hangs on them). Members belong to a
    regional association, and the Landesverband speaks for all of them."""

    def in_association(self, association):
        if association.is_state_association:
            return self.all()
        return super().in_association(association)


class StaffOnlyQuerySet(AssociationScopedQuerySet):
    """Rows only staff ever see: requests, invitations, the audit log, accounts."""

    def public(self):
        return self.none()


def is_association_owned(model):
    return isinstance(model._default_manager.all(), AssociationScopedQuerySet)


def _keep_hidden_relations(form):
    """Many-to-many rows the staff member cannot see (their choices are scoped, so the form
    neither shows nor posts them) stay linked: saving must not drop what others added, e.g.
    an editor the Landesverband put on a regional member's profile."""
    for model_field in form.instance._meta.many_to_many:
        field = form.fields.get(model_field.name)
        if field is None or model_field.name not in form.cleaned_data:
            continue
        if not is_association_owned(model_field.related_model):
            continue
        hidden = getattr(form.instance, model_field.name).exclude(
            pk__in=field.queryset.values("pk")
        )
        if hidden.exists():
            chosen = [row.pk for row in form.cleaned_data[model_field.name]]
            kept = [*chosen, *hidden.values_list("pk", flat=True)]
            form.cleaned_data[model_field.name] = model_field.related_model._base_manager.filter(
                pk__in=kept
            )


class AssociationScopedAdmin:
    """Mixin for the ModelAdmin of an association-owned model.

    Put it before `admin.ModelAdmin` (or SimpleHistoryAdmin) in the bases.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_list_filter(self, request):
        # Filtering by association only makes sense for people who see several.
        filters = super().get_list_filter(request)
        if sees_all_associations(request.user):
            return filters
        return [f for f in filters if f != self.model.association_path]

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
            elif is_association_owned(related):
                kwargs["queryset"] = related._default_manager.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.related_model
        if "queryset" not in kwargs and is_association_owned(related):
            kwargs["queryset"] = related._default_manager.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        if change:
            _keep_hidden_relations(form)
        super().save_related(request, form, formsets, change)

    def _files_under_association(self):
        return self.model.association_path == "association"

    def get_changeform_initial_data(self, request):
        # A new row of a regional staff member belongs to their association (save_model
        # enforces it); the form says so from the start.
        initial = super().get_changeform_initial_data(request)
        association_id = staff_association_id(request.user)
        if association_id is not None and self._files_under_association():
            initial.setdefault("association", association_id)
        return initial

    def save_model(self, request, obj, form, change):
        # Regional staff cannot put a row into another association, whatever they post.
        association_id = staff_association_id(request.user)
        if association_id is not None and self._files_under_association():
            obj.association_id = association_id
        super().save_model(request, obj, form, change)
