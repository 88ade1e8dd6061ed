"""Writes of the member self-service for success reports (staff decisions live in
moderation.services).

The profile row is locked first, as in mitglieder.services, so two submissions from two tabs
take turns and the cap on pending reports holds.
"""

from django.db import transaction

from aktuelles.models import SuccessReport
from aktuelles.self_service_forms import MAX_PENDING_REPORTS
from mitglieder.models import Profile


class TooManyPendingError(Exception):
    pass


def _lock(profile):
    return Profile.objects.select_for_update().get(pk=profile.pk)


@transaction.atomic
def submit_report(profile, form, submitted_by):
    """Store a valid SuccessReportForm as a pending report of `profile`."""
    _lock(profile)
    if SuccessReport.objects.filter(profile=profile).pending().count() >= MAX_PENDING_REPORTS:
        raise TooManyPendingError
    report = form.save(commit=False)
    report.profile = profile
    # Whatever was posted: a member's report always starts in the review queue.
    report.status = SuccessReport.Status.PENDING
    report.published_at = None
    report.decided_by = None
    report.decision_reason = ""
    report.submitted_by = submitted_by
    report.save()
    return report


@transaction.atomic
def delete_report(profile, report):
    """Delete the report; its image and renditions go once the transaction has committed
    (aktuelles.signals tracks the files)."""
    _lock(profile)
    stored = SuccessReport.objects.filter(pk=report.pk, profile=profile).first()
    # Already deleted in another tab: the result the member asked for is there.
    if stored is not None:
        stored.delete()
