"""Reading a file into an import run, and importing it: all rows in one transaction, or
none. The run is locked and must still wait for confirmation, the rows are checked again
against the current data, each new row becomes a draft profile of the run's association
with an import record (its key is unique per association: the same row never creates a
second profile), and the invitations are queued in the outbox with the profiles."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from einlesen.checking import Outcome, check_rows
from einlesen.models import ImportRecord, ImportRun
from einlesen.reading import read_table
from konten.invitations import invite
from mitglieder.models import Profile
from mitglieder.services import change_reason

# Invitations of a whole list go out through `send_queued_mail` (every few minutes), not in
# the request that imports: hundreds of SMTP dialogues would keep the staff member waiting.
INVITATIONS_DELAY = timedelta(seconds=30)


class ImportRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def start_run(uploaded, association, actor) -> ImportRun:
    """Read `uploaded` (raises einlesen.reading.UnreadableFile) into a run to preview."""
    table = read_table(uploaded)
    notes = list(table.notes)
    if table.ignored_columns:
        notes.append(
            gettext("Columns not used: %(columns)s.")
            % {"columns": ", ".join(table.ignored_columns)}
        )
    return ImportRun.objects.create(
        association=association,
        created_by=actor,
        filename=(uploaded.name or "")[:200],
        rows=table.rows,
        notes=notes,
    )


def importable(row, *, include_possible_duplicates) -> bool:
    return row.outcome == Outcome.NEW or (
        include_possible_duplicates and row.outcome == Outcome.POSSIBLE_DUPLICATE
    )


@transaction.atomic
def import_run(run, actor, *, send_invitations, include_possible_duplicates) -> ImportRun:
    locked = ImportRun.objects.select_for_update().select_related("association").get(pk=run.pk)
    if locked.status != ImportRun.Status.PREVIEW:
        raise ImportRefused(
            gettext("This file has already been imported. Nothing has been changed.")
        )
    association = locked.association
    rows = check_rows(locked.rows, association)
    reason = change_reason(gettext_noop("Imported from a member list"))
    records, invitations = [], []
    for row in rows:
        if not importable(row, include_possible_duplicates=include_possible_duplicates):
            continue
        profile = Profile(
            **row.values,
            municipality=row.municipality,
            association=association,
            status=Profile.Status.DRAFT,
        )
        profile._history_user = actor
        profile._change_reason = reason
        profile.save()
        if row.disciplines:
            profile.disciplines.set(row.disciplines)
        records.append(
            ImportRecord(association=association, key=row.key, profile=profile, run=locked)
        )
        row.imported = True
        if send_invitations and row.email:
            invitations.append((row.email, profile))
    ImportRecord.objects.bulk_create(records)
    send_after = timezone.now() + INVITATIONS_DELAY
    for email, profile in invitations:
        invite(email, profile, invited_by=actor, send_after=send_after)
    locked.report = report(rows, imported=len(records), invited=len(invitations))
    locked.status = ImportRun.Status.DONE
    locked.imported_at = timezone.now()
    # The cells held members' data only for the preview; the report keeps what staff need.
    locked.rows = []
    locked.save(update_fields=["report", "status", "imported_at", "rows"])
    return locked


def report(rows, *, imported, invited) -> dict:
    """What the import did, row by row, without the rows' contents beyond the name."""
    return {
        "imported": imported,
        "invited": invited,
        "rows": [
            {
                "line": row.line,
                "name": row.values.get("name", "")[:150],
                "outcome": "imported" if getattr(row, "imported", False) else row.outcome,
                "reasons": [*row.errors, *row.warnings],
            }
            for row in rows
        ],
    }
