"""Admin actions that change each selected row: one loop, one way of telling staff about it.

`publish_action` is the "publish selected" action of everything staff release to the
website. News, events, profiles and success reports differ in what publishing one row means
(a status and a date, or a moderation decision with an audit record and a mail), not in how
the action walks through the selection and reports what happened.

Messages are lazy plurals keyed by "count", e.g.
`ngettext_lazy("%(count)d event published.", "%(count)d events published.", "count")`.
"""

from django.contrib import admin, messages


class Refused(Exception):
    """One row cannot be changed now; the message tells the staff member why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def change_each(model_admin, request, rows, change, *, done, selection=None, left_as_is=None):
    """Call `change(row)` for every row and report: how many were done (also none, unless
    something else explains why), each refusal, and how many rows of `selection` were not
    among `rows` and stay as they are."""
    done_count, refusals = 0, []
    for row in rows:
        try:
            change(row)
        except Refused as refusal:
            refusals.append(refusal.message)
        else:
            done_count += 1
    if done_count or not (refusals or left_as_is):
        model_admin.message_user(request, done % {"count": done_count}, messages.SUCCESS)
    for message in refusals:
        model_admin.message_user(request, message, messages.WARNING)
    if left_as_is is not None:
        left = selection.count() - done_count - len(refusals)
        if left:
            model_admin.message_user(request, left_as_is % {"count": left}, messages.WARNING)


def publish_action(*, description, publish, published, publishable=None, left_as_is=None):
    """The "publish selected" action: `publish(row, staff_member)` for each row of the
    selection that `publishable(selection)` keeps (all by default).

    `published` reports the count; `left_as_is`, if given, the rows left out."""

    @admin.action(description=description, permissions=["change"])
    def publish_selected(model_admin, request, queryset):
        rows = queryset if publishable is None else publishable(queryset)
        change_each(
            model_admin,
            request,
            rows,
            lambda row: publish(row, request.user),
            done=published,
            selection=queryset,
            left_as_is=left_as_is,
        )

    return publish_selected
