"""The public list of free slots: filters by association, topic and kind, grouped by day."""

from itertools import groupby

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beratung.models import Advisor, Slot, Topic
from kern.listing import FilterOption, Listing
from verbaende.models import Association


class OfferFilterForm(forms.Form):
    """?verband=<association slug>&thema=<topic slug>&art=<mode>, each optional."""

    verband = forms.ModelChoiceField(
        label=_("Association"),
        queryset=Association.objects.all(),
        to_field_name="slug",
        required=False,
    )
    thema = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="slug", required=False
    )
    art = forms.ChoiceField(
        label=_("Kind of consultation"), choices=Slot.Mode.choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].label_from_instance = lambda topic: topic.localized_name


class OfferList(Listing):
    form_class = OfferFilterForm
    # A page of slots is a few weeks of one association's offers.
    per_page = 60

    def __init__(self, params, *, fixed=None, now=None):
        self.now = now or timezone.now()
        super().__init__(params, fixed=fixed)
        self.association = self.values.get("verband")
        self.topic = self.values.get("thema")
        self.mode = self.values.get("art", "")

    def _slots(self, *, association=None, topic=None, mode=""):
        slots = Slot.objects.bookable(self.now)
        if association is not None:
            slots = slots.in_association(association)
        if topic is not None:
            slots = slots.with_topic(topic)
        if mode:
            slots = slots.of_mode(mode)
        return slots

    def object_list(self):
        return (
            self._slots(association=self.association, topic=self.topic, mode=self.mode)
            .select_related("advisor", "association")
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("position")))
            .order_by("starts_at", "pk")
        )

    def days(self):
        """The page's slots as [(date, [slots])], in the site's time zone."""
        slots = self.page().object_list
        return [
            (day, list(group))
            for day, group in groupby(slots, key=lambda slot: timezone.localdate(slot.starts_at))
        ]

    def advisors(self):
        advisors = Advisor.objects.public().select_related("association").order_by("name")
        if self.association is not None:
            advisors = advisors.in_association(self.association)
        return advisors

    def topic_options(self):
        return [
            FilterOption(topic.slug, topic.localized_name, None, topic == self.topic)
            for topic in Topic.objects.all()
        ]

    def association_options(self):
        return [
            FilterOption(a.slug, a.short_name, None, a == self.association)
            for a in Association.objects.all()
        ]

    def mode_options(self):
        return [
            FilterOption(value, label, None, value == self.mode)
            for value, label in Slot.Mode.choices
        ]

    def context(self):
        context = super().context()
        return {
            **context,
            "days": self.days(),
            "total": self.page().paginator.count,
            "advisors": self.advisors(),
            "association_options": self.association_options(),
            "topic_options": self.topic_options(),
            "mode_options": self.mode_options(),
            "selected_association": self.association,
        }
