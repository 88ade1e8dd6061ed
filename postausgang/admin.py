"""The outbox in the admin, for superusers only.

It holds members' and applicants' e-mail addresses and the text of relayed messages:
personal data of every association. Rows have no association of their own to scope by,
and regional staff learn of a failure where they decided (a warning message); retrying
needs no one but `send_queued_mail`. So only superusers (the operators) read it.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from postausgang.models import OutgoingMail
from postausgang.outbox import send


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "kind", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    fields = readonly_fields = [
        "kind",
        "to",
        "reply_to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "claimed_at",
        "sent_at",
    ]
    actions = ["send_again"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    @admin.action(description=_("Send selected e-mails again"), permissions=["view"])
    def send_again(self, request, queryset):
        failed = queryset.filter(status=OutgoingMail.Status.FAILED)
        sent = sum(send(pk) for pk in failed.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(count)d e-mail sent.", "%(count)d e-mails sent.", sent) % {"count": sent},
            messages.SUCCESS if sent else messages.WARNING,
        )
