"""Reading a file into an import run, and importing it: all rows in one transaction, or
none. The run is locked and must still wait for confirmation, the rows are checked again
against the current data, each new row becomes a draft profile of the run's association
with an import record (its key is unique per association: the same row never creates a
second profile), and the invitations are queued in the outbox with the profiles."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from simple_history.utils import bulk_create_with_history

from einlesen.checking import Outcome, check_rows
from einlesen.models import ImportRecord, ImportRun
from einlesen.reading import read_table
from kern.search import sort_key
from kern.text import german_slugify
from konten.invitations import invite_new_profiles
from mitglieder.indexing import refresh_search_index
from mitglieder.models import RESERVED_SLUGS, Profile
from mitglieder.services import change_reason

# Invitations of a whole list go out through `send_queued_mail` (every few minutes), not in
# the request that imports: hundreds of SMTP dialogues would keep the staff member waiting.
INVITATIONS_DELAY = timedelta(seconds=30)
SLUG_LENGTH = 80  # kern.text.unique_slug's


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
    checked = check_rows(locked.rows, association)
    rows = [
        row
        for row in checked
        if importable(row, include_possible_duplicates=include_possible_duplicates)
    ]
    profiles = _create_profiles(rows, association, actor)
    ImportRecord.objects.bulk_create(
        ImportRecord(association=association, key=row.key, profile=profile, run=locked)
        for row, profile in zip(rows, profiles, strict=True)
    )
    for row in rows:
        row.imported = True
    invitations = []
    if send_invitations:
        invitations = [(row.email, p) for row, p in zip(rows, profiles, strict=True) if row.email]
        # Reckoned per mail: a fixed moment could pass while a long list is still queued,
        # and the rest would then go out in this request after all.
        invite_new_profiles(
            invitations,
            invited_by=actor,
            send_after=lambda: timezone.now() + INVITATIONS_DELAY,
        )
    locked.report = report(checked, imported=len(profiles), invited=len(invitations))
    locked.status = ImportRun.Status.DONE
    locked.imported_at = timezone.now()
    # The cells held members' data only for the preview; the report keeps what staff need.
    locked.rows = []
    locked.save(update_fields=["report", "status", "imported_at", "rows"])
    return locked


def _create_profiles(rows, association, actor) -> list[Profile]:
    """The draft profiles of `rows`, written in bulk: a few queries for the whole list
    instead of a dozen per profile (save(), its history, its disciplines, its signals).
    What save() and the signals would do is done here: slugs, sort keys, the history
    records, the search index."""
    reason = change_reason(gettext_noop("Imported from a member list"))
    taken = _taken_slugs([german_slugify(row.values["name"]) for row in rows])
    profiles = []
    for row in rows:
        profile = Profile(
            **row.values,
            municipality=row.municipality,
            association=association,
            status=Profile.Status.DRAFT,
        )
        profile.slug = _free_slug(profile.name, taken)
        profile.sort_name = sort_key(profile.name)
        profiles.append(profile)
    profiles = bulk_create_with_history(
        profiles, Profile, default_user=actor, default_change_reason=reason
    )
    if profiles and profiles[0].pk is None:
        # A database that returns no keys from a bulk insert: read them by slug.
        ids = dict(
            Profile.objects.filter(slug__in=[p.slug for p in profiles]).values_list("slug", "pk")
        )
        for profile in profiles:
            profile.pk = ids[profile.slug]
    through = Profile.disciplines.through
    through.objects.bulk_create(
        through(profile_id=profile.pk, discipline_id=discipline.pk)
        for row, profile in zip(rows, profiles, strict=True)
        for discipline in row.disciplines
    )
    # bulk_create sends no signals: the search index and the directory's caches follow here.
    refresh_search_index([profile.pk for profile in profiles])
    return profiles


def _taken_slugs(bases) -> set:
    """The slugs in use among those an import might choose (each base and its "-2", ...):
    the bases through the slug's unique index, the numbered ones only for bases in use."""
    bases = sorted({base[:SLUG_LENGTH].strip("-") or "eintrag" for base in bases})
    taken = set(RESERVED_SLUGS)
    for start in range(0, len(bases), 500):
        chunk = bases[start : start + 500]
        taken.update(Profile.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    numbered = Q()
    for base in sorted(taken - set(RESERVED_SLUGS)):
        numbered |= Q(slug__startswith=f"{base}-")
    if numbered:
        taken.update(Profile.objects.filter(numbered).values_list("slug", flat=True))
    return taken


def _free_slug(name, taken) -> str:
    """unique_slug's choice ("name", "name-2", ...), against `taken`, which it extends."""
    base = german_slugify(name)[:SLUG_LENGTH].strip("-") or "eintrag"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = f"{base[: SLUG_LENGTH - len(suffix)]}{suffix}"
        number += 1
    taken.add(candidate)
    return candidate


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


def purge_previews(now=None) -> int:
    """Delete uploads that were never imported once IMPORT_PREVIEW_RETENTION_DAYS have
    passed: their rows hold the cells of the file (names, addresses), which nobody needs
    once staff have walked away from the preview. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.IMPORT_PREVIEW_RETENTION_DAYS)
    deleted, _per_model = ImportRun.objects.filter(
        status=ImportRun.Status.PREVIEW, created_at__lt=cutoff
    ).delete()
    return deleted
