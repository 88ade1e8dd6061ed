"""The outbox in the admin, for superusers only.

It holds members' and applicants' e-mail addresses and the text of relayed messages:
personal data of every association. Rows have no association of their own to scope by,
and retrying needs no one: the delivery task and `send_queued_mail` retry failed mails
with growing pauses. So only superusers (the operators) read it: with background delivery
this list is where a failure shows (status "failed", the last error, the next attempt).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from postausgang.delivery import next_attempt_at
from postausgang.models import OutgoingMail
from postausgang.tasks import hand_over


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "subject",
        "kind",
        "status",
        "attempts",
        "next_attempt",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    fields = readonly_fields = [
        "kind",
        "to",
        "reply_to",
        "subject",
        "body",
        "send_after",
        "status",
        "attempts",
        "last_error",
        "next_attempt",
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

    @admin.display(description=_("next attempt"))
    def next_attempt(self, obj):
        return next_attempt_at(obj)

    @admin.action(description=_("Send selected e-mails again"), permissions=["view"])
    def send_again(self, request, queryset):
        # Handed to the delivery task, also once its attempts are used up: this page does
        # not wait for the mail server either.
        failed = list(
            queryset.filter(status=OutgoingMail.Status.FAILED).values_list("pk", flat=True)
        )
        for pk in failed:
            hand_over(pk)
        count = len(failed)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail handed over for sending.",
                "%(count)d e-mails handed over for sending.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


# The task queue's rows (django-tasks-db): the delivery tasks name only a mail's pk, but a
# failed task's traceback may quote an address. Operators only, like the outbox.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
