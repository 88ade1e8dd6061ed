"""An import of a member list: the rows read from the uploaded file until staff confirm
them, then the report; and one record per imported row, so that the same row never
creates a second profile (einlesen.services)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.fields import SingleLineField
from mitglieder.models import Profile
from verbaende.models import Association
from verbaende.scoping import StaffOnlyQuerySet


class ImportRun(models.Model):
    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        DONE = "done", _("Imported")

    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="import_runs",
        limit_choices_to={"kind": Association.Kind.REGIONAL},
        verbose_name=_("regional association"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    filename = SingleLineField(_("file"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PREVIEW, db_index=True
    )
    # The cells of every row as read ({"line": 2, "cells": {"name": ...}}), until the import:
    # afterwards only the report stays (line numbers, outcomes and reasons).
    rows = models.JSONField(default=list, editable=False)
    notes = models.JSONField(default=list, editable=False)  # what reading the file noticed
    report = models.JSONField(default=dict, editable=False)

    objects = StaffOnlyQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class ImportRecord(models.Model):
    """The import key of a row (its e-mail address, or its name and place) and the profile
    it created: importing the same row again finds it and changes nothing."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="+", verbose_name=_("association")
    )
    key = SingleLineField(_("import key"), max_length=300)
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="+", verbose_name=_("profile")
    )
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        related_name="records",
        verbose_name=_("member import"),
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    objects = StaffOnlyQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        constraints = [
            models.UniqueConstraint(fields=["association", "key"], name="unique_import_key")
        ]

    def __str__(self):
        return self.key
