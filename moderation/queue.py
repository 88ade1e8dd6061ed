"""What the moderation queue shows: profiles in review, published profiles changed since
their last review (with a field-level diff from the history), pending requests, success
reports waiting for review and space listings waiting for publication or changed since
their review, each of them only as far as the staff member may see them."""

from django.db.models import DateTimeField, OuterRef, Prefetch, Subquery, Value
from django.forms.models import model_to_dict
from django.template.defaultfilters import yesno
from simple_history.models import ModelChange

from aktuelles.models import SuccessReport
from mitglieder.models import MembershipRequest, Profile
from moderation.duplicate_pairs import attach_duplicates
from moderation.services import DIFF_EXCLUDED_FIELDS, changed_listings, changed_since_review
from moderation.word_diff import marked_pair
from raeume.models import Listing
from teilmaerkte.models import Discipline
from verbaende.models import Municipality

EMPTY = "\u2013"  # en dash for "nothing"


def _with_history_ids(profiles):
    """Annotate each profile with the two history records its diff compares: the newest
    (`new_history_id`) and the one just before the first member change after the review
    (`old_history_id`). `profiles` must carry `reviewed_at`."""
    records = Profile.history.filter(id=OuterRef("pk"))
    newest_first = ("-history_date", "-history_id")
    first_change = (
        records.filter(history_date__gt=OuterRef("reviewed_at"), history_user__is_staff=False)
        .order_by("history_date", "history_id")
        .values("history_date")[:1]
    )
    return profiles.annotate(
        new_history_id=Subquery(records.order_by(*newest_first).values("history_id")[:1]),
        first_change_at=Subquery(first_change),
    ).annotate(
        old_history_id=Subquery(
            records.filter(history_date__lt=OuterRef("first_change_at"))
            .order_by(*newest_first)
            .values("history_id")[:1]
        )
    )


class _Names:
    """The names of the places and disciplines the diffs show, read in one query each."""

    def __init__(self, changes):
        discipline_ids, municipality_ids = set(), set()
        for change in changes:
            for value in (change.old, change.new):
                if change.field == "disciplines":
                    discipline_ids.update(row["discipline"] for row in value or [])
                elif change.field == "municipality" and value is not None:
                    municipality_ids.add(value)
        # In the database's order of names, as everywhere else on the site.
        self.disciplines = dict(
            Discipline.objects.filter(pk__in=discipline_ids)
            .order_by("name")
            .values_list("pk", "name")
        )
        self.discipline_rank = {pk: rank for rank, pk in enumerate(self.disciplines)}
        self.municipalities = dict(
            Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "name")
        )

    def display(self, field, value):
        if value is None or value == "":
            return EMPTY
        if field.name == "disciplines":
            ids = sorted(
                (row["discipline"] for row in value if row["discipline"] in self.disciplines),
                key=self.discipline_rank.get,
            )
            return ", ".join(self.disciplines[pk] for pk in ids) or EMPTY
        if field.name == "municipality":
            return self.municipalities.get(value, EMPTY)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return yesno(value)
        return str(value)


def _disciplines_by_record(record_ids):
    """{history_id: [{"discipline": id}, ...]} as simple-history's m2m diff rows."""
    through = Profile.history.model.disciplines.model
    rows = {record_id: [] for record_id in record_ids}
    for history_id, discipline_id in through.objects.filter(history_id__in=record_ids).values_list(
        "history_id", "discipline_id"
    ):
        rows[history_id].append({"discipline": discipline_id})
    return rows


def attach_diffs(profiles):
    """Give every profile of `profiles` (annotated by `_with_history_ids`) its `diff`,
    [(label, old, new), …] between the version at the last review and the current one,
    in a fixed number of queries for any number of profiles."""
    wanted = {p.old_history_id for p in profiles} | {p.new_history_id for p in profiles}
    wanted.discard(None)
    records = Profile.history.in_bulk(wanted, field_name="history_id")
    disciplines = _disciplines_by_record(wanted)
    # The fields simple-history's diff_against compares, disciplines apart: its
    # many-to-many diff would read two queries per profile.
    fields = [
        field
        for field in Profile.history.model.tracked_fields
        if field.editable and not field.many_to_many and field.name not in DIFF_EXCLUDED_FIELDS
    ]
    deltas = {}
    for profile in profiles:
        old = records.get(profile.old_history_id)
        new = records.get(profile.new_history_id)
        # Seeded and imported profiles have no version from before the member's first
        # edit: there is nothing to compare, which the queue says plainly.
        profile.first_version = old is None
        if old is None or new is None:
            continue
        old_values = model_to_dict(old, fields=[f.name for f in fields])
        new_values = model_to_dict(new, fields=[f.name for f in fields])
        changes = [
            ModelChange(f.name, old_values[f.name], new_values[f.name])
            for f in fields
            if old_values[f.name] != new_values[f.name]
        ]
        old_rows = sorted(disciplines[old.history_id], key=lambda row: row["discipline"])
        new_rows = sorted(disciplines[new.history_id], key=lambda row: row["discipline"])
        if old_rows != new_rows:
            changes.append(ModelChange("disciplines", old_rows, new_rows))
        deltas[profile.pk] = sorted(changes, key=lambda change: change.field)
    names = _Names([change for changes in deltas.values() for change in changes])
    for profile in profiles:
        profile.diff = [
            (
                str(field.verbose_name),
                names.display(field, change.old),
                names.display(field, change.new),
            )
            for change in deltas.get(profile.pk, [])
            for field in [Profile._meta.get_field(change.field)]
        ]
        # The same rows with the removed and added words marked, as the queue shows them.
        profile.marked_diff = [(label, *marked_pair(old, new)) for label, old, new in profile.diff]
    return profiles


def profile_diff(profile, reviewed_at):
    """[(label, old, new), …] of one profile since `reviewed_at`."""
    annotated = _with_history_ids(
        Profile.objects.filter(pk=profile.pk).annotate(
            reviewed_at=Value(reviewed_at, output_field=DateTimeField())
        )
    )
    return attach_diffs(list(annotated))[0].diff


def queue_context(user):
    """The queue of the staff member `user`."""
    profiles = Profile.objects.visible_to(user)
    in_review = (
        profiles.filter(status=Profile.Status.IN_REVIEW)
        .select_related("municipality", "association")
        .prefetch_related(
            Prefetch("disciplines", queryset=Discipline.objects.order_by("name")), "gallery"
        )
        .order_by("submitted_at", "pk")
    )
    changed = attach_diffs(
        list(
            _with_history_ids(changed_since_review(profiles))
            .select_related("municipality", "association")
            .prefetch_related("gallery")
            .order_by("-member_changed_at", "pk")
        )
    )
    pending = attach_duplicates(
        MembershipRequest.objects.visible_to(user)
        .filter(status=MembershipRequest.Status.PENDING)
        .select_related("municipality", "association")
        .prefetch_related("disciplines")
        .order_by("created_at", "pk"),
        user,
    )
    pending_reports = (
        SuccessReport.objects.visible_to(user)
        .pending()
        .select_related("profile__association", "profile__municipality")
        .order_by("created_at", "pk")
    )
    listings = Listing.objects.visible_to(user).select_related(
        "municipality__district__association", "poster"
    )
    pending_listings = listings.filter(status=Listing.Status.PENDING).order_by(
        "submitted_at", "created_at", "pk"
    )
    return {
        "pending_listings": pending_listings,
        "changed_listings": changed_listings(listings).order_by("-updated_at", "pk"),
        "in_review": in_review,
        "changed": changed,
        "pending_requests": pending,
        "pending_reports": pending_reports,
    }
