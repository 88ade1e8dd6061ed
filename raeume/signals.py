"""Receivers only notice: a published listing that was saved, or whose wanted districts
changed, is matched after the commit (raeume.matching does the work)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from raeume.matching import find_matches
from raeume.models import Listing


def _match_after_commit(listing):
    if listing.status != Listing.Status.PUBLISHED:
        return
    pk = listing.pk
    transaction.on_commit(lambda: find_matches(pk), robust=True)


def _listing_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    # Bookkeeping saves (a reminder sent, a renewal) change nothing that matching reads.
    if update_fields is not None and set(update_fields) <= {"expires_on", "renewal_reminded_at"}:
        return
    _match_after_commit(instance)


def _districts_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Listing):
        _match_after_commit(instance)


def connect():
    post_save.connect(_listing_saved, sender=Listing, dispatch_uid="raeume-matching-save")
    m2m_changed.connect(
        _districts_changed,
        sender=Listing.wanted_districts.through,
        dispatch_uid="raeume-matching-districts",
    )
