from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail, stored in the transaction of whatever caused it, so a saved decision
    always has its notification and a failed delivery can be retried."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    # What the mail is about (the template's name), for staff reading the outbox.
    kind = models.CharField(_("kind"), max_length=80, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    # Extra headers (List-Unsubscribe, ...), a dict of one-line values.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Files sent along: [{"filename", "content" (text), "mimetype"}], e.g. an .ics invitation.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Reminders and follow-ups wait until this moment; null sends as soon as possible.
    send_after = models.DateTimeField(_("not before"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    # When a sender took the mail; a mail left "sending" by a crashed process is taken
    # again after a while (postausgang.outbox.STALE_SENDING).
    claimed_at = models.DateTimeField(_("taken for sending"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject
