"""Markdown rendered once, when it is saved, and stored next to its source.

A page shows the stored HTML and never parses Markdown while answering a request, so no
text, however long or odd, makes a page slow for its visitors (issue 11, finding 1).

A model declares a `RenderedMarkdownField(source="description")` and mixes in
`StoresRenderedMarkdown`; its QuerySet mixes in `RenderedMarkdownQuerySet`. Then every way
of writing the source keeps the HTML in step:

- `save()` and `bulk_create()` render through the field's `pre_save`;
- `save(update_fields=[...])` that names the source also writes the HTML;
- `QuerySet.update(description=...)` and `bulk_update(..., ["description"])` render too.

A data migration fills the field for existing rows with `render_stored_markdown`, which
also serves when the renderer or its allow-list changes (a new migration calling it again).
"""

from django.db import models
from django.utils.safestring import mark_safe

from kern.markdown import render_markdown

BATCH_SIZE = 500


class RenderedMarkdownField(models.TextField):
    """Sanitised HTML of the Markdown in the field `source`; reads as safe HTML.

    Never editable: its content is what kern.markdown made of the source, nothing else.
    """

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs["editable"] = False
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("editable", None)
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        if kwargs.get("default") == "":
            del kwargs["default"]
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value is None else mark_safe(value)  # noqa: S308 - written by render()

    def render(self, instance):
        return mark_safe(render_markdown(getattr(instance, self.source)))  # noqa: S308 - nh3

    def pre_save(self, model_instance, add):
        html = self.render(model_instance)
        setattr(model_instance, self.attname, html)
        return html


def rendered_fields(model):
    fields = model._meta.concrete_fields
    return [field for field in fields if isinstance(field, RenderedMarkdownField)]


class StoresRenderedMarkdown:
    """Model mixin: a save limited to some fields also writes the HTML of those among them
    that are Markdown sources. A caller may name the fields it changed (a moderator's revert
    saves `description`), and Django itself limits the save of a row loaded with deferred
    fields (`.only("description")`) to the loaded ones."""

    def save(self, *args, update_fields=None, **kwargs):
        fields = rendered_fields(type(self))
        deferred = self.get_deferred_fields()
        if update_fields is None and any(field.attname in deferred for field in fields):
            # What Django would save, named here so that the HTML can join it.
            loaded = {
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in deferred
            }
            update_fields = loaded or None
        if update_fields is not None:
            update_fields = set(update_fields)
            update_fields |= {field.name for field in fields if field.source in update_fields}
        super().save(*args, update_fields=update_fields, **kwargs)


class RenderedMarkdownQuerySet(models.QuerySet):
    """QuerySet mixin: writes that bypass save() keep the HTML in step as well."""

    def update(self, **kwargs):
        for field in rendered_fields(self.model):
            # bulk_update() comes here with the HTML it rendered already, as CASE expressions.
            if field.source in kwargs and field.name not in kwargs:
                value = kwargs[field.source]
                if not isinstance(value, str):
                    # An expression is computed by the database, where no Markdown renders.
                    raise TypeError(
                        f"{self.model.__name__}.{field.source} is Markdown: update it with a "
                        "string or through save(), so that its HTML can be rendered."
                    )
                kwargs[field.name] = render_markdown(value)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        objs, fields = list(objs), list(fields)
        for field in rendered_fields(self.model):
            if field.source in fields:
                for obj in objs:
                    field.pre_save(obj, add=False)
                if field.name not in fields:
                    fields.append(field.name)
        return super().bulk_update(objs, fields, batch_size=batch_size)


def render_stored_markdown(model_label):
    """A RunPython function that (re)renders the HTML of every row of `model_label`."""

    def forwards(apps, schema_editor):
        model = apps.get_model(model_label)
        fields = rendered_fields(model)
        rows = model._base_manager.using(schema_editor.connection.alias)
        batch = []
        for row in rows.only("pk", *(field.source for field in fields)).iterator(BATCH_SIZE):
            for field in fields:
                field.pre_save(row, add=False)
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                rows.bulk_update(batch, [field.name for field in fields])
                batch = []
        if batch:
            rows.bulk_update(batch, [field.name for field in fields])

    return forwards
