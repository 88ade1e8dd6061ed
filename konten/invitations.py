"""Invitations: a one-time, expiring link by e-mail that sets the password and links the
user to a profile. Only the token's hash is stored."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from konten.models import Invitation, User
from postausgang import outbox


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token: str):
    """The invitation for `token`, or None; usable or not is the caller's question."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("user", "profile")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def invite(email: str, profile, *, invited_by=None, send_after=None) -> Invitation:
    """Create (or reuse) the user for `email`, invalidate their older open invitations for
    this profile, and e-mail a fresh link (`send_after`: left to `send_queued_mail` until
    then, for invitations in bulk)."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, is_active=False)
    now = timezone.now()
    Invitation.objects.filter(user=user, profile=profile, used_at__isnull=True).update(
        expires_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        profile=profile,
        token_hash=hash_token(token),
        expires_at=now + timedelta(days=Invitation.VALID_DAYS),
        created_by=invited_by,
    )
    link = settings.SITE_URL + reverse("konten:invitation", kwargs={"token": token})
    context = {
        "profile": profile,
        "link": link,
        "days": Invitation.VALID_DAYS,
        "association": profile.association,
    }
    outbox.queue(
        to=[user.email],
        subject=render_to_string("konten/email/invitation_subject.txt", context),
        body=render_to_string("konten/email/invitation.txt", context),
        kind="konten/invitation",
        send_after=send_after,
    )
    return invitation


def _bulk_create(model, objects, invited_by):
    if hasattr(model, "history"):
        return bulk_create_with_history(objects, model, default_user=invited_by)
    return model.objects.bulk_create(objects)


@transaction.atomic
def invite_new_profiles(pairs, *, invited_by=None, send_after=None) -> list[Invitation]:
    """invite() for many (email, profile) pairs at once, for profiles just created (which
    have no older invitations to invalidate): the accounts are read and created in a few
    queries instead of five per person; every mail still goes through the outbox, each
    `send_after` (a callable giving the moment, or None) after its queueing."""
    pairs = [(User.objects.normalize_email(email).lower(), profile) for email, profile in pairs]
    wanted = {email for email, _profile in pairs}
    users = {
        user.email.lower(): user
        for user in User.objects.annotate(address=Lower("email")).filter(address__in=wanted)
    }
    new_users = []
    for email in sorted(wanted - set(users)):
        user = User(email=email, is_active=False)
        user.set_unusable_password()
        new_users.append(user)
    _bulk_create(User, new_users, invited_by)
    # Some databases return no primary keys from a bulk insert: read the new rows back.
    users.update(
        {user.email: user for user in User.objects.filter(email__in=[u.email for u in new_users])}
    )
    now = timezone.now()
    tokens, invitations = [], []
    for email, profile in pairs:
        token = secrets.token_urlsafe(32)
        tokens.append(token)
        invitations.append(
            Invitation(
                user=users[email],
                profile=profile,
                token_hash=hash_token(token),
                expires_at=now + timedelta(days=Invitation.VALID_DAYS),
                created_by=invited_by,
            )
        )
    _bulk_create(Invitation, invitations, invited_by)
    for (email, profile), token in zip(pairs, tokens, strict=True):
        link = settings.SITE_URL + reverse("konten:invitation", kwargs={"token": token})
        context = {
            "profile": profile,
            "link": link,
            "days": Invitation.VALID_DAYS,
            "association": profile.association,
        }
        outbox.queue(
            to=[email],
            subject=render_to_string("konten/email/invitation_subject.txt", context),
            body=render_to_string("konten/email/invitation.txt", context),
            kind="konten/invitation",
            send_after=send_after() if send_after else None,
        )
    return invitations


@transaction.atomic
def accept(invitation: Invitation, password: str) -> User:
    if not invitation.is_usable:
        raise PermissionDenied("This invitation can no longer be used.")
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.profile.owners.add(user)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user
