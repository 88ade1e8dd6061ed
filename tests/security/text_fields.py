"""The text fields people write, walked over every model of the project: the tests of the
input rules (tests/security) run against each of them, so a new field cannot slip past."""

from pathlib import Path

from django.apps import apps
from django.db import models

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Text fields nobody types into: each with the reason.
NOT_WRITTEN = {
    # A password hash, set by set_password; the forms check the password itself.
    ("accounts.User", "password"),
    # The outbox stores mails the code composed from already validated text; its admin
    # shows them read-only. Subjects are folded to one line when stored (postausgang).
    ("postausgang.OutgoingMail", "kind"),
    ("postausgang.OutgoingMail", "subject"),
    ("postausgang.OutgoingMail", "body"),
    ("postausgang.OutgoingMail", "last_error"),
}


def _is_project_model(model):
    config = apps.get_app_config(model._meta.app_label)
    # simple-history's copies of a model carry the original as `instance_type`.
    is_history = hasattr(model, "instance_type")
    return Path(config.path).parent == PROJECT_ROOT and not is_history


def _is_written_text(model, field):
    return (
        isinstance(field, models.CharField | models.TextField)
        # A slug's own validator allows letters, digits and hyphens only.
        and not isinstance(field, models.SlugField)
        and field.editable
        and not field.choices
        and (model._meta.label, field.name) not in NOT_WRITTEN
    )


def written_text_fields():
    """(model, field) for every text field of the project that someone fills in."""
    return [
        (model, field)
        for model in apps.get_models()
        if _is_project_model(model)
        for field in model._meta.concrete_fields
        if _is_written_text(model, field)
    ]


def field_ids(fields):
    return [f"{model._meta.label}.{field.name}" for model, field in fields]
