"""What the moderation queue shows: profiles in review, published profiles changed since
their last review (with a field-level diff from the history), pending requests and success
reports waiting for review, each of them only as far as the staff member may see them."""

from django.db.models import Prefetch
from django.template.defaultfilters import yesno

from aktuelles.models import SuccessReport
from mitglieder.models import MembershipRequest, Profile
from moderation.services import DIFF_EXCLUDED_FIELDS, changed_since_review
from teilmaerkte.models import Discipline
from verbaende.models import Municipality

EMPTY = "\u2013"  # en dash for "nothing"


def _display(field, value):
    if value is None or value == "":
        return EMPTY
    if field.name == "disciplines":
        ids = [row["discipline"] for row in value]
        names = Discipline.objects.filter(pk__in=ids).order_by("name")
        return ", ".join(names.values_list("name", flat=True)) or EMPTY
    if field.name == "municipality":
        return Municipality.objects.filter(pk=value).values_list("name", flat=True).first() or EMPTY
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return yesno(value)
    return str(value)


def profile_diff(profile, reviewed_at):
    """[(label, old, new), …] between the version at the last review and the current one."""
    records = profile.history.order_by("-history_date", "-history_id")
    new = records.first()
    # The state just before the first member change after the review.
    first_change = (
        records.filter(history_date__gt=reviewed_at, history_user__is_staff=False)
        .order_by("history_date", "history_id")
        .first()
    )
    if new is None or first_change is None:
        return []
    old = records.filter(history_date__lt=first_change.history_date).first()
    if old is None:
        return []
    delta = new.diff_against(old, excluded_fields=DIFF_EXCLUDED_FIELDS)
    rows = []
    for change in delta.changes:
        field = Profile._meta.get_field(change.field)
        rows.append(
            (
                str(field.verbose_name),
                _display(field, change.old),
                _display(field, change.new),
            )
        )
    return rows


def queue_context(user):
    """The queue of the staff member `user`."""
    profiles = Profile.objects.visible_to(user)
    in_review = (
        profiles.filter(status=Profile.Status.IN_REVIEW)
        .select_related("municipality", "association")
        .prefetch_related(Prefetch("disciplines", queryset=Discipline.objects.order_by("name")))
        .order_by("submitted_at", "pk")
    )
    changed = list(
        changed_since_review(profiles)
        .select_related("municipality", "association")
        .order_by("-member_changed_at", "pk")
    )
    for profile in changed:
        profile.diff = profile_diff(profile, profile.reviewed_at)
    pending = (
        MembershipRequest.objects.visible_to(user)
        .filter(status=MembershipRequest.Status.PENDING)
        .select_related("municipality", "association")
        .prefetch_related("disciplines")
        .order_by("created_at", "pk")
    )
    pending_reports = (
        SuccessReport.objects.visible_to(user)
        .pending()
        .select_related("profile__association", "profile__municipality")
        .order_by("created_at", "pk")
    )
    return {
        "in_review": in_review,
        "changed": changed,
        "pending_requests": pending,
        "pending_reports": pending_reports,
    }
