"""Two staff pages beside the admin's own: a series of slots, and the printable day list."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from beratung.models import MAX_DURATION, MIN_DURATION, Advisor, Booking, Slot, Topic

MAX_WEEKS = 52
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def _line(model_field_name):
    """A form field with the model field's rules (length, one line, no markup)."""
    return Slot._meta.get_field(model_field_name).formfield()


class SeriesForm(forms.Form):
    advisor = forms.ModelChoiceField(label=_("Advisor"), queryset=Advisor.objects.none())
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int)
    first_day = forms.DateField(
        label=_("From"),
        help_text=_("The series starts on the first such weekday from this date on."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    weeks = forms.IntegerField(label=_("Number of weeks"), min_value=1, max_value=MAX_WEEKS)
    start_time = forms.TimeField(
        label=_("First slot begins"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Last slot ends by"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration = forms.IntegerField(
        label=_("Slot length in minutes"), min_value=MIN_DURATION, max_value=MAX_DURATION
    )
    mode = forms.ChoiceField(label=_("Kind of consultation"), choices=Slot.Mode.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = (
            Advisor.objects.visible_to(user).filter(is_active=True).select_related("association")
        )
        self.fields["address"] = _line("address")
        self.fields["accessibility_note"] = _line("accessibility_note")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        if data.get("mode") == Slot.Mode.IN_PERSON and not (data.get("address") or "").strip():
            self.add_error("address", _("A consultation in person needs an address."))
        return data

    def starts(self):
        """Every start time of the series, in the site's time zone."""
        data = self.cleaned_data
        first = data["first_day"]
        first += dt.timedelta(days=(data["weekday"] - first.weekday()) % 7)
        length = dt.timedelta(minutes=data["duration"])
        for week in range(data["weeks"]):
            day = first + dt.timedelta(weeks=week)
            start = timezone.make_aware(dt.datetime.combine(day, data["start_time"]))
            end = timezone.make_aware(dt.datetime.combine(day, data["end_time"]))
            while start + length <= end:
                yield start
                start += length


@transaction.atomic
def create_series(form) -> tuple[int, int]:
    """Create the series' slots; (created, skipped). Slots in the past and those the
    advisor already has at the same time are skipped."""
    data = form.cleaned_data
    advisor = data["advisor"]
    now = timezone.now()
    starts = [start for start in form.starts() if start > now]
    existing = set(
        Slot.objects.filter(advisor=advisor, starts_at__in=starts).values_list(
            "starts_at", flat=True
        )
    )
    created = 0
    for start in starts:
        if start in existing:
            continue
        slot = Slot.objects.create(
            association_id=advisor.association_id,
            advisor=advisor,
            starts_at=start,
            duration=data["duration"],
            mode=data["mode"],
            address=data["address"] if data["mode"] == Slot.Mode.IN_PERSON else "",
            accessibility_note=data["accessibility_note"],
        )
        slot.topics.set(data["topics"])
        created += 1
    skipped = len(list(form.starts())) - created
    return created, skipped


def series_view(model_admin):
    def view(request):
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        form = SeriesForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            created, skipped = create_series(form)
            model_admin.message_user(
                request,
                ngettext("%(count)d slot created.", "%(count)d slots created.", created)
                % {"count": created},
                messages.SUCCESS,
            )
            if skipped:
                model_admin.message_user(
                    request,
                    ngettext(
                        "%(count)d slot skipped: it already exists or lies in the past.",
                        "%(count)d slots skipped: they already exist or lie in the past.",
                        skipped,
                    )
                    % {"count": skipped},
                    messages.WARNING,
                )
            return redirect("admin:beratung_slot_changelist")
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Create a series of slots"),
            "form": form,
            "opts": model_admin.model._meta,
        }
        return render(request, "beratung/admin/series.html", context)

    return view


def _day(value):
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


def day_list_view(model_admin):
    def view(request):
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        requested = request.GET.get("datum")
        day = _day(requested)
        notice = ""
        if day is None:
            if requested:
                notice = _("That is not a date; the list shows today.")
            day = timezone.localdate()
        start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        bookings = (
            model_admin.get_queryset(request)
            .active()
            .filter(slot__starts_at__gte=start, slot__starts_at__lt=start + dt.timedelta(days=1))
            .select_related("slot__advisor", "slot__association", "topic")
            .order_by("slot__starts_at", "slot__advisor__name", "pk")
        )
        context = {
            **model_admin.admin_site.each_context(request),
            "title": _("Day list"),
            "day": day,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
            "bookings": bookings,
            "notice": notice,
            "statuses": Booking.Status,
            "opts": model_admin.model._meta,
        }
        return render(request, "beratung/admin/day_list.html", context)

    return view
