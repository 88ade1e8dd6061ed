"""The subscription forms: one per kind, each with the address, the frequency and its
criteria. A form also reads its criteria from a query string, so that a list's
"Benachrichtigen" link (the directory's, with its filters) preselects them.

Query parameters are what a German visitor reads; stored values are English identifiers.
`art` names the kind (mitglieder, aktuelles, veranstaltungen, raeume, kooperationen); a
second `art` value that is a profile kind or an event kind (as the directory's and the
events' links carry it) fills that list's own "kind" field.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from benachrichtigungen.models import Subscription
from kern.forms import HoneypotField, HoneypotMixin
from kern.search import MAX_QUERY_LENGTH
from kern.validators import SINGLE_LINE_VALIDATORS
from mitglieder.models import Profile
from raeume.models import MAX_PRICE_EUR, MAX_SIZE_M2, Listing
from veranstaltungen.models import Event
from verzeichnis.filters import ProfileFilter
from verzeichnis.vocabulary import load_vocabulary

KIND_PARAMETER = "art"
# ?art=<German name> → the stored kind.
KIND_NAMES = {
    "mitglieder": Subscription.Kind.MEMBERS,
    "aktuelles": Subscription.Kind.NEWS,
    "veranstaltungen": Subscription.Kind.EVENTS,
    "raeume": Subscription.Kind.SPACES,
    "kooperationen": Subscription.Kind.CALLS,
}
KIND_PARAMETERS = {kind: name for name, kind in KIND_NAMES.items()}

# The directory's parameters that a members alert keeps (not the sort order or the page).
DIRECTORY_PARAMETERS = (
    "q",
    "verband",
    "kreis",
    "ort",
    "teilmarkt",
    "disziplin",
    "art",
    "auftraege",
    "kooperation",
)


def requested_kind(params):
    """The kind a query string asks for (`?art=mitglieder`), or None."""
    for value in params.getlist(KIND_PARAMETER):
        if value in KIND_NAMES:
            return KIND_NAMES[value]
    return None


def _other_art(params):
    """The `art` value that is not the alert kind: the list's own kind filter."""
    for value in params.getlist(KIND_PARAMETER):
        if value not in KIND_NAMES:
            return value
    return ""


def _blank(choices):
    return [("", _("Any")), *list(choices)]


class AlertForm(HoneypotMixin, forms.Form):
    """Address, frequency and honeypot; subclasses add their criteria."""

    kind = None

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        validators=[*SINGLE_LINE_VALIDATORS],
        help_text=_("We send a link to confirm it. Nothing is sent before you follow it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    haeufigkeit = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    homepage = HoneypotField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "alert_%s")
        super().__init__(*args, **kwargs)
        self.vocabulary = load_vocabulary()
        self.setup()

    def setup(self):
        """Fill in choices that come from the vocabulary."""

    @classmethod
    def initial_from(cls, params) -> dict:
        """Initial values from a list's query string; unknown values are left out (the
        bound form would reject them, the visitor sees the choice unset)."""
        return {}

    def criteria(self) -> dict:
        raise NotImplementedError

    def _association_choices(self):
        return _blank((a.slug, a.short_name) for a in self.vocabulary.associations)

    def _submarket_choices(self):
        return [(s.slug, s.localized_name) for s in self.vocabulary.submarkets]


def _single(params, name, choices):
    value = params.get(name, "")
    return value if value in {key for key, _label in choices} else None


class MembersForm(AlertForm):
    kind = Subscription.Kind.MEMBERS

    q = forms.CharField(
        label=_("Search words"), required=False, max_length=MAX_QUERY_LENGTH, strip=True
    )
    verband = forms.ChoiceField(label=_("Regional association"), required=False)
    kreis = forms.ChoiceField(label=_("District"), required=False)
    ort = forms.ChoiceField(label=_("Place"), required=False)
    teilmarkt = forms.ChoiceField(label=_("Submarket"), required=False)
    disziplin = forms.ChoiceField(label=_("Discipline"), required=False)
    mitgliedsart = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_blank(Profile.Kind.choices)
    )
    auftraege = forms.BooleanField(label=_("Open for commissions"), required=False)
    kooperation = forms.BooleanField(label=_("Looking for cooperation"), required=False)

    def setup(self):
        v = self.vocabulary
        self.fields["verband"].choices = _blank(
            (a.slug, a.short_name) for a in v.associations if not a.is_state_association
        )
        self.fields["kreis"].choices = _blank((d.slug, str(d)) for d in v.districts)
        self.fields["ort"].choices = _blank(
            (m.slug, str(m)) for m in sorted(v.municipalities, key=lambda m: m.name)
        )
        self.fields["teilmarkt"].choices = _blank(self._submarket_choices())
        self.fields["disziplin"].choices = _blank(
            (d.slug, d.localized_name) for d in sorted(v.disciplines, key=lambda d: d.name)
        )

    @classmethod
    def initial_from(cls, params):
        form = cls()
        initial = {}
        for name in ("verband", "kreis", "ort", "teilmarkt", "disziplin"):
            value = _single(params, name, form.fields[name].choices)
            if value:
                initial[name] = value
        query = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
        if query:
            initial["q"] = query
        art = _other_art(params)
        if art in Profile.Kind.values:
            initial["mitgliedsart"] = art
        for flag in ("auftraege", "kooperation"):
            if params.get(flag) in ("on", "true", "1", "True"):
                initial[flag] = True
        return initial

    def criteria(self):
        data = self.cleaned_data
        params = {name: data[name] for name in ("q", "verband", "kreis", "ort", "teilmarkt")}
        params["disziplin"] = data["disziplin"]
        params["art"] = data["mitgliedsart"]
        for flag in ("auftraege", "kooperation"):
            params[flag] = "on" if data[flag] else ""
        return {"query": directory_query(params)}


def directory_query(params) -> str:
    """The directory's query string for `params`, in one order, empty values left out: the
    same filter state is the same string, so subscriptions to it are matched once."""
    return urlencode([(name, params[name]) for name in DIRECTORY_PARAMETERS if params.get(name)])


def parse_directory_query(query: str):
    """The directory's own FilterSet form for a stored query string (the vocabulary
    checks every slug), and the valid values by parameter."""
    data = QueryDict(query)
    filterset = ProfileFilter(data, queryset=Profile.objects.listed(), vocabulary=load_vocabulary())
    form = filterset.form
    form.is_valid()
    values = {
        name: value
        for name, value in form.cleaned_data.items()
        if name in DIRECTORY_PARAMETERS
        and value not in (None, "", False)
        and name not in form.errors
    }
    return filterset, values


class NewsForm(AlertForm):
    kind = Subscription.Kind.NEWS

    verband = forms.ChoiceField(label=_("Association"), required=False)
    teilmarkt = forms.ChoiceField(label=_("Submarket"), required=False)
    erfolge = forms.BooleanField(
        label=_("Also members' success reports (awards, nominations, ...)"),
        required=False,
        initial=True,
    )

    def setup(self):
        self.fields["verband"].choices = self._association_choices()
        self.fields["teilmarkt"].choices = _blank(self._submarket_choices())

    @classmethod
    def initial_from(cls, params):
        form = cls()
        initial = {}
        for name in ("verband", "teilmarkt"):
            value = _single(params, name, form.fields[name].choices)
            if value:
                initial[name] = value
        return initial

    def criteria(self):
        data = self.cleaned_data
        return {
            "verband": data["verband"] or None,
            "teilmarkt": data["teilmarkt"] or None,
            "erfolge": bool(data["erfolge"]),
        }


class EventsForm(AlertForm):
    kind = Subscription.Kind.EVENTS

    verband = forms.ChoiceField(label=_("Organising association"), required=False)
    veranstaltungsart = forms.ChoiceField(
        label=_("Kind of event"), required=False, choices=_blank(Event.Kind.choices)
    )

    def setup(self):
        self.fields["verband"].choices = self._association_choices()

    @classmethod
    def initial_from(cls, params):
        form = cls()
        initial = {}
        value = _single(params, "verband", form.fields["verband"].choices)
        if value:
            initial["verband"] = value
        art = params.get("veranstaltungsart") or _other_art(params)
        if art in Event.Kind.values:
            initial["veranstaltungsart"] = art
        return initial

    def criteria(self):
        data = self.cleaned_data
        return {"verband": data["verband"] or None, "art": data["veranstaltungsart"] or None}


class SpacesForm(AlertForm):
    kind = Subscription.Kind.SPACES

    typ = forms.ChoiceField(
        label=_("Offers or requests"),
        required=False,
        choices=_blank(Listing.ListingType.choices),
    )
    raumart = forms.ChoiceField(
        label=_("Kind of space"), required=False, choices=_blank(Listing.SpaceKind.choices)
    )
    kreis = forms.MultipleChoiceField(
        label=_("Districts"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all of Saxony."),
    )
    preis_max = forms.DecimalField(
        label=_("Highest monthly price in euros"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(MAX_PRICE_EUR),
        max_digits=9,
        decimal_places=2,
        help_text=_("Offers free of charge or with a negotiable price are included."),
    )
    flaeche_min = forms.IntegerField(
        label=_("Smallest size in m²"), required=False, min_value=1, max_value=MAX_SIZE_M2
    )

    def setup(self):
        self.fields["kreis"].choices = [(d.slug, str(d)) for d in self.vocabulary.districts]

    @classmethod
    def initial_from(cls, params):
        form = cls()
        initial = {}
        for name in ("typ", "raumart"):
            value = _single(params, name, form.fields[name].choices)
            if value:
                initial[name] = value
        known = {slug for slug, _label in form.fields["kreis"].choices}
        districts = [slug for slug in params.getlist("kreis") if slug in known]
        if districts:
            initial["kreis"] = districts
        for name in ("preis_max", "flaeche_min"):
            field = form.fields[name]
            try:
                value = field.clean(params.get(name, ""))
            except forms.ValidationError:
                continue
            if value is not None:
                initial[name] = value
        return initial

    def criteria(self):
        data = self.cleaned_data
        price = data["preis_max"]
        return {
            "typ": data["typ"] or None,
            "raumart": data["raumart"] or None,
            "kreise": sorted(data["kreis"]),
            "preis_max": str(price) if price is not None else None,
            "flaeche_min": data["flaeche_min"],
        }


class CallsForm(AlertForm):
    kind = Subscription.Kind.CALLS

    teilmarkt = forms.MultipleChoiceField(
        label=_("Submarkets"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: calls of every submarket."),
    )

    def setup(self):
        self.fields["teilmarkt"].choices = self._submarket_choices()

    @classmethod
    def initial_from(cls, params):
        form = cls()
        known = {slug for slug, _label in form.fields["teilmarkt"].choices}
        chosen = [slug for slug in params.getlist("teilmarkt") if slug in known]
        return {"teilmarkt": chosen} if chosen else {}

    def criteria(self):
        return {"teilmaerkte": sorted(self.cleaned_data["teilmarkt"])}


FORMS = {form.kind: form for form in (MembersForm, NewsForm, EventsForm, SpacesForm, CallsForm)}


class FrequencyForm(forms.Form):
    """Changing one subscription's frequency on the manage page."""

    haeufigkeit = forms.ChoiceField(
        label=_("How often"), choices=Subscription.Frequency.choices, widget=forms.RadioSelect
    )
