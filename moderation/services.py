"""Moderation decisions. Each runs in one transaction, locks the row first, checks that it
is still in the state the staff member saw, writes through `save()` (search index, directory
cache, history) and records a ModerationAction. Nothing is written when a check fails.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from aktuelles.models import SuccessReport
from kern import text_limits
from kern.admin_actions import Refused
from kern.forms import MultiLineFormField
from kern.validators import MULTI_LINE_VALIDATORS
from konten.invitations import invite
from mitglieder.membership import create_profile_from_request
from mitglieder.models import MembershipRequest, Profile
from mitglieder.services import change_reason
from moderation.models import ModerationAction
from postausgang import outbox
from raeume.models import LISTING_LIFETIME_DAYS, Listing

Kind = ModerationAction.Kind

# Decisions after which a published profile counts as reviewed in its current state.
REVIEW_ACTIONS = [Kind.APPROVE, Kind.UNHIDE, Kind.REVERT]
# Fields a revert restores; status, dates, address and association stay as they are.
REVERTED_FIELDS = [
    "kind",
    "name",
    "municipality_id",
    "tagline",
    "description",
    "website",
    "open_for_commissions",
    "seeks_cooperation",
    "image",
    "listed_in_directory",
    "contact_email",
    "phone",
    "phone_visibility",
    "street_address",
    "postal_code",
    "address_visibility",
]
# Not shown in the diff of the moderation queue: bookkeeping, not content.
DIFF_EXCLUDED_FIELDS = ["updated_at", "image_renditions", "submitted_at", "slug"]


class ModerationError(Refused):
    """A decision that cannot be carried out; the message is meant for the staff member."""


def _lock_profile(profile):
    return Profile.objects.select_for_update().select_related("association").get(pk=profile.pk)


def _check_unchanged(locked, expected_version, expected_status):
    """Refuse when someone changed the profile after the staff member loaded the page."""
    if (expected_version is not None and locked.version != int(expected_version)) or (
        expected_status is not None and locked.status != expected_status
    ):
        raise ModerationError(
            gettext(
                "“%(name)s” was changed by someone else in the meantime. Nothing has been "
                "changed; please look at the current state and decide again."
            )
            % {"name": locked.name}
        )


def _record(
    action,
    actor,
    *,
    profile=None,
    membership_request=None,
    success_report=None,
    listing=None,
    reason="",
):
    subject = success_report or profile or membership_request or listing
    association_id = listing.association.pk if subject is listing else subject.association_id
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        profile=profile,
        membership_request=membership_request,
        success_report=success_report,
        listing=listing,
        subject=str(subject)[:150],
        association_id=association_id,
        reason=reason,
    )


def _save_status(profile, reason_msgid, actor, fields):
    profile._change_reason = change_reason(reason_msgid)
    profile._history_user = actor
    profile.save(update_fields=[*fields, "updated_at"])


def editor_addresses(profile):
    addresses = list(
        profile.owners.filter(is_active=True).order_by("email").values_list("email", flat=True)
    )
    if not addresses and profile.contact_email:
        addresses = [profile.contact_email]
    return addresses


def _mail_after_commit(template, recipients, context):
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"moderation/email/{template}_subject.txt", context)
        body = render_to_string(f"moderation/email/{template}.txt", context)
    # Stored with the decision, sent after its commit; a failure never undoes the decision.
    outbox.queue(to=recipients, subject=subject, body=body, kind=f"moderation/{template}")


def _mail_profile_decision(template, profile, reason=""):
    context = {
        "profile": profile,
        "association": profile.association,
        "reason": reason,
        "link": settings.SITE_URL + profile.get_absolute_url(),
        "self_service_link": settings.SITE_URL + "/mein-profil/",
    }
    _mail_after_commit(template, editor_addresses(profile), context)


def last_review_subquery():
    return Subquery(
        ModerationAction.objects.filter(profile=OuterRef("pk"), action__in=REVIEW_ACTIONS)
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def changed_since_review(queryset=None):
    """Published profiles whose members changed them after the last review (approval,
    revert, showing again; before any of those, the first publication)."""
    queryset = Profile.objects.all() if queryset is None else queryset
    last_member_change = Subquery(
        # Changes by members only: staff edits and scripts (no user) need no review.
        Profile.history.filter(id=OuterRef("pk"), history_user__is_staff=False)
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    return (
        queryset.published()
        .annotate(
            reviewed_at=Coalesce(last_review_subquery(), F("published_at")),
            member_changed_at=last_member_change,
        )
        .filter(member_changed_at__gt=F("reviewed_at"))
    )


def has_changes_since_review(profile):
    return changed_since_review(Profile.objects.filter(pk=profile.pk)).exists()


@transaction.atomic
def approve(profile, actor, *, expected_version=None, expected_status=None):
    """In review → published (with a mail to the editors); or, for a published profile
    changed since its last review, mark the changes as reviewed."""
    locked = _lock_profile(profile)
    if locked.status == Profile.Status.IN_REVIEW:
        _check_unchanged(locked, expected_version, expected_status)
        locked.status = Profile.Status.PUBLISHED
        fields = ["status"]
        if locked.published_at is None:
            locked.published_at = timezone.now()
            fields.append("published_at")
        _save_status(locked, gettext_noop("Approved by the association"), actor, fields)
        _mail_profile_decision("approved", locked)
    elif locked.status == Profile.Status.PUBLISHED and has_changes_since_review(locked):
        # The changes stay online; the decision recorded below marks them as reviewed.
        _check_unchanged(locked, expected_version, expected_status)
    elif locked.status == Profile.Status.PUBLISHED:
        raise ModerationError(
            gettext("“%(name)s” is already approved. Nothing has been changed.")
            % {"name": locked.name}
        )
    else:
        raise ModerationError(
            gettext(
                "“%(name)s” is not waiting for review (status: %(status)s). "
                "Nothing has been changed."
            )
            % {"name": locked.name, "status": locked.get_status_display()}
        )
    _record(Kind.APPROVE, actor, profile=locked)
    return locked


# The reason is mailed to the member and kept in the log: the rules of every text field.
REASON_FIELD = MultiLineFormField(
    max_length=text_limits.DECISION_REASON, validators=[*MULTI_LINE_VALIDATORS]
)


def _require_reason(reason):
    if not (reason or "").strip():
        raise ModerationError(
            gettext("Please give a reason; the member reads it. Nothing has been changed.")
        )
    try:
        return REASON_FIELD.clean(reason)
    except ValidationError as error:
        raise ModerationError(" ".join(error.messages)) from None


@transaction.atomic
def reject(profile, actor, reason, *, expected_version=None, expected_status=None):
    """In review → draft; the editors get the reason by e-mail and can revise."""
    reason = _require_reason(reason)
    locked = _lock_profile(profile)
    if locked.status != Profile.Status.IN_REVIEW:
        raise ModerationError(
            gettext(
                "“%(name)s” is not waiting for review (status: %(status)s). "
                "Nothing has been changed."
            )
            % {"name": locked.name, "status": locked.get_status_display()}
        )
    _check_unchanged(locked, expected_version, expected_status)
    locked.status = Profile.Status.DRAFT
    _save_status(locked, gettext_noop("Rejected by the association"), actor, ["status"])
    _record(Kind.REJECT, actor, profile=locked, reason=reason)
    _mail_profile_decision("rejected", locked, reason)
    return locked


@transaction.atomic
def hide(profile, actor, reason, *, expected_version=None, expected_status=None):
    """Take a profile off the website at once (page, directory, search)."""
    reason = _require_reason(reason)
    locked = _lock_profile(profile)
    if locked.status == Profile.Status.HIDDEN:
        raise ModerationError(
            gettext("“%(name)s” is already hidden. Nothing has been changed.")
            % {"name": locked.name}
        )
    _check_unchanged(locked, expected_version, expected_status)
    locked.status = Profile.Status.HIDDEN
    _save_status(locked, gettext_noop("Hidden by the association"), actor, ["status"])
    _record(Kind.HIDE, actor, profile=locked, reason=reason)
    _mail_profile_decision("hidden", locked, reason)
    return locked


@transaction.atomic
def unhide(profile, actor, *, expected_version=None, expected_status=None):
    """A hidden profile is published again."""
    locked = _lock_profile(profile)
    if locked.status != Profile.Status.HIDDEN:
        raise ModerationError(
            gettext("“%(name)s” is not hidden. Nothing has been changed.") % {"name": locked.name}
        )
    _check_unchanged(locked, expected_version, expected_status)
    locked.status = Profile.Status.PUBLISHED
    fields = ["status"]
    if locked.published_at is None:
        locked.published_at = timezone.now()
        fields.append("published_at")
    _save_status(locked, gettext_noop("Shown again by the association"), actor, fields)
    _record(Kind.UNHIDE, actor, profile=locked)
    return locked


@transaction.atomic
def revert(profile, history_record, actor, *, expected_version=None):
    """Restore content and disciplines of an earlier version; status and dates stay."""
    locked = _lock_profile(profile)
    _check_unchanged(locked, expected_version, None)
    if history_record.id != locked.pk:
        raise ModerationError(gettext("This version belongs to another profile."))
    for field in REVERTED_FIELDS:
        setattr(locked, field, getattr(history_record, field))
    disciplines = [row.discipline_id for row in history_record.disciplines.all()]
    # Disciplines first and without their own history entry, so the entry written by save()
    # holds the complete reverted state.
    locked.skip_history_when_saving = True
    try:
        locked.disciplines.set(disciplines)
    finally:
        del locked.skip_history_when_saving
    when = timezone.localtime(history_record.history_date).strftime("%d.%m.%Y %H:%M")
    locked._change_reason = change_reason(gettext_noop("Reverted to an earlier version"))
    locked._history_user = actor
    locked.save()
    # Like a member's save: an edit form loaded before the revert must not overwrite it.
    Profile.objects.filter(pk=locked.pk).update(version=F("version") + 1)
    locked.refresh_from_db(fields=["version"])
    _record(Kind.REVERT, actor, profile=locked, reason=when)
    return locked


@transaction.atomic
def accept_request(membership_request, actor):
    """Create the applicant's draft profile and invite them to it."""
    locked = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)
    _require_pending(locked)
    profile = create_profile_from_request(locked, decided_by=actor)
    invite(locked.email, profile, invited_by=actor)
    _record(Kind.ACCEPT_REQUEST, actor, membership_request=locked)
    return profile


def _require_pending(locked):
    if locked.status != MembershipRequest.Status.PENDING:
        raise ModerationError(
            gettext("The request of “%(name)s” was already decided. Nothing has been changed.")
            % {"name": locked.name}
        )


@transaction.atomic
def reject_request(membership_request, actor, reason):
    reason = _require_reason(reason)
    locked = (
        MembershipRequest.objects.select_for_update()
        .select_related("association")
        .get(pk=membership_request.pk)
    )
    _require_pending(locked)
    locked.status = MembershipRequest.Status.REJECTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    _record(Kind.REJECT_REQUEST, actor, membership_request=locked, reason=reason)
    _mail_after_commit(
        "request_rejected",
        [locked.email],
        {"request": locked, "association": locked.association, "reason": reason},
    )
    return locked


# --- Success reports ------------------------------------------------------------------------


def _lock_report(report, expected_status):
    """The report's row, locked; refused unless it still waits for a decision."""
    # No select_related here: PostgreSQL refuses FOR UPDATE across nullable joins.
    locked = SuccessReport.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise ModerationError(
            gettext(
                "The success report “%(title)s” has been deleted by its member in the "
                "meantime. Nothing has been changed."
            )
            % {"title": report.title}
        )
    if locked.status == SuccessReport.Status.APPROVED:
        message = gettext("The success report “%(title)s” is already approved.")
    elif locked.status == SuccessReport.Status.REJECTED:
        message = gettext("The success report “%(title)s” has already been declined.")
    elif expected_status is not None and locked.status != expected_status:
        message = gettext(
            "The success report “%(title)s” was changed by someone else in the meantime."
        )
    else:
        return locked
    raise ModerationError(
        " ".join([message % {"title": locked.title}, gettext("Nothing has been changed.")])
    )


def _mail_report_decision(template, report, reason=""):
    profile = report.profile
    with translation.override(settings.LANGUAGE_CODE):
        self_service_link = settings.SITE_URL + reverse(
            "success_reports:list", kwargs={"pk": profile.pk}
        )
        link = settings.SITE_URL + report.get_absolute_url() if profile.is_public else ""
    context = {
        "report": report,
        "profile": profile,
        "association": profile.association,
        "reason": reason,
        "link": link,
        "self_service_link": self_service_link,
    }
    _mail_after_commit(template, editor_addresses(profile), context)


def _save_decision(report, actor, reason=""):
    report.decided_by = actor
    report.decision_reason = reason
    report.save(
        update_fields=["status", "published_at", "decided_by", "decision_reason", "updated_at"]
    )


@transaction.atomic
def approve_report(report, actor, *, expected_status=None):
    """Pending → approved: public on the profile page (once the profile is) and in the news;
    the profile's editors get an e-mail."""
    locked = _lock_report(report, expected_status)
    locked.status = SuccessReport.Status.APPROVED
    locked.published_at = timezone.now()
    _save_decision(locked, actor)
    locked.profile = Profile.objects.select_related("association").get(pk=locked.profile_id)
    _record(Kind.APPROVE_REPORT, actor, profile=locked.profile, success_report=locked)
    _mail_report_decision("report_approved", locked)
    return locked


@transaction.atomic
def reject_report(report, actor, reason, *, expected_status=None):
    """Pending → declined; the editors read the reason in the e-mail and in the self-service."""
    reason = _require_reason(reason)
    locked = _lock_report(report, expected_status)
    locked.status = SuccessReport.Status.REJECTED
    locked.published_at = None
    _save_decision(locked, actor, reason)
    locked.profile = Profile.objects.select_related("association").get(pk=locked.profile_id)
    _record(Kind.REJECT_REPORT, actor, profile=locked.profile, success_report=locked, reason=reason)
    _mail_report_decision("report_rejected", locked, reason)
    return locked


# --- Space listings (Raumbörse) -------------------------------------------------------------


def changed_listings(queryset=None):
    """Published listings their posters changed after the last review: they stay online,
    staff look at them again. Marking a space as taken is no change of content."""
    queryset = Listing.objects.all() if queryset is None else queryset
    return queryset.filter(
        status=Listing.Status.PUBLISHED,
        taken_at__isnull=True,
        reviewed_at__isnull=False,
        updated_at__gt=F("reviewed_at"),
    )


def _lock_listing(listing, expected_status):
    """The listing's row, locked; refused when it is gone or no longer as the staff member
    saw it."""
    # No select_related: PostgreSQL refuses FOR UPDATE across nullable joins.
    locked = Listing.objects.select_for_update().filter(pk=listing.pk).first()
    if locked is None:
        raise ModerationError(
            gettext(
                "The listing “%(title)s” has been deleted by its poster in the meantime. "
                "Nothing has been changed."
            )
            % {"title": listing.title}
        )
    if expected_status is not None and locked.status != expected_status:
        raise ModerationError(
            gettext(
                "The listing “%(title)s” was changed by someone else in the meantime. "
                "Nothing has been changed; please look at the current state and decide again."
            )
            % {"title": locked.title}
        )
    return locked


def _mail_listing_decision(template, listing, reason=""):
    poster = listing.poster
    if not (poster.is_active and poster.email):
        return
    with translation.override(settings.LANGUAGE_CODE):
        mine_link = settings.SITE_URL + reverse("raeume:mine")
        link = settings.SITE_URL + reverse("raeume:detail", kwargs={"pk": listing.pk})
    context = {
        "listing": listing,
        "association": listing.association,
        "reason": reason,
        "link": link,
        "mine_link": mine_link,
        "lifetime_days": LISTING_LIFETIME_DAYS,
    }
    _mail_after_commit(template, [poster.email], context)


@transaction.atomic
def publish_listing(listing, actor, *, expected_status=None):
    """Pending → published for LISTING_LIFETIME_DAYS, with a mail to the poster; for a
    published listing changed since its review, mark the changes as reviewed."""
    locked = _lock_listing(listing, expected_status)
    now = timezone.now()
    if locked.status == Listing.Status.PUBLISHED:
        if not changed_listings(Listing.objects.filter(pk=locked.pk)).exists():
            raise ModerationError(
                gettext("The listing “%(title)s” is already published. Nothing has been changed.")
                % {"title": locked.title}
            )
        # The changes stay online; the review date marks them as seen.
        fields = ["reviewed_at", "reviewed_by"]
        mail = None
    else:
        locked.status = Listing.Status.PUBLISHED
        if locked.published_at is None:
            locked.published_at = now
        locked.start_lifetime()
        fields = ["status", "published_at", "expires_on", "renewal_reminded_at"]
        fields += ["reviewed_at", "reviewed_by"]
        mail = "listing_published"
    locked.reviewed_at = now
    locked.reviewed_by = actor
    # updated_at stays: it tells the poster's changes from the review.
    locked.save(update_fields=fields)
    _record(Kind.APPROVE_LISTING, actor, listing=locked)
    if mail:
        _mail_listing_decision(mail, locked)
    return locked


@transaction.atomic
def reject_listing(listing, actor, reason, *, expected_status=None):
    """Pending (or published) → rejected and off the website; the poster reads the reason
    in an e-mail and may edit the listing and submit it again."""
    reason = _require_reason(reason)
    locked = _lock_listing(listing, expected_status)
    if locked.status == Listing.Status.REJECTED:
        raise ModerationError(
            gettext("The listing “%(title)s” has already been rejected. Nothing has been changed.")
            % {"title": locked.title}
        )
    locked.status = Listing.Status.REJECTED
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    locked.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    _record(Kind.REJECT_LISTING, actor, listing=locked, reason=reason)
    _mail_listing_decision("listing_rejected", locked, reason)
    return locked
