"""Checking the rows of a member list before anything is written: each row gets an outcome
(new, already imported, duplicate, possible duplicate, twice in the file, or refused), the
German reasons for it, and what was mapped on the way ("Chemniz" → Chemnitz).

Runs for the preview and again, against the then current data, inside the import's
transaction (einlesen.services). Its cost: a fixed number of queries for the whole file
(places, disciplines, import keys, addresses and websites), plus one indexed name query
per row (mitglieder.duplicates).
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, process

from einlesen.models import ImportRecord
from einlesen.reading import MAX_CELL_LENGTH
from kern.search import fold
from kern.spreadsheet import FORMULA_STARTS
from mitglieder.duplicates import (
    Candidate,
    find_duplicates,
    name_core,
    normalise_email,
    similar_names,
    website_host,
)
from mitglieder.forms import MAX_DISCIPLINES
from mitglieder.models import Profile
from teilmaerkte.models import Discipline
from verbaende.models import Municipality

FUZZY_PLACE = 85
FUZZY_DISCIPLINE = 85


class Outcome:
    NEW = "new"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    DUPLICATE = "duplicate"
    ALREADY_IMPORTED = "already_imported"
    IN_FILE = "in_file"
    ERROR = "error"

    LABELS = {
        NEW: gettext_lazy("New"),
        POSSIBLE_DUPLICATE: gettext_lazy("Possible duplicate"),
        DUPLICATE: gettext_lazy("Already a member"),
        ALREADY_IMPORTED: gettext_lazy("Already imported"),
        IN_FILE: gettext_lazy("Twice in the file"),
        ERROR: gettext_lazy("Refused"),
    }
    ORDER = [ERROR, DUPLICATE, POSSIBLE_DUPLICATE, IN_FILE, ALREADY_IMPORTED, NEW]


KINDS = {
    **dict.fromkeys(
        ["person", "einzelperson", "freiberufler", "freiberuflerin", "selbststandig", "solo"],
        Profile.Kind.PERSON,
    ),
    **dict.fromkeys(
        ["unternehmen", "firma", "company", "betrieb", "gmbh", "agentur", "buro"],
        Profile.Kind.COMPANY,
    ),
    **dict.fromkeys(
        ["kollektiv", "initiative", "verein", "collective", "netzwerk", "gruppe"],
        Profile.Kind.COLLECTIVE,
    ),
}
_SEPARATORS = re.compile(r"[;,|\n]")


class RowForm(forms.ModelForm):
    """The profile fields of a row, with the model's rules (lengths, control characters,
    line breaks, addresses) and Django's German messages."""

    class Meta:
        model = Profile
        fields = [
            "name",
            "kind",
            "tagline",
            "description",
            "website",
            "contact_email",
            "phone",
            "street_address",
            "postal_code",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft: the member writes the short description after accepting the invitation.
        self.fields["tagline"].required = False


class RowValidator:
    """RowForm's checks without a form per row (building one copies every field: a third
    of the time of a 2 000-row file): each form field cleans, then the model field's
    validators run, as ModelForm.full_clean does."""

    def __init__(self):
        self.fields = RowForm().fields
        self.model_fields = {name: Profile._meta.get_field(name) for name in self.fields}

    def clean(self, data):
        values, errors = {}, []
        for name, form_field in self.fields.items():
            try:
                value = form_field.clean(data.get(name, ""))
                if value not in form_field.empty_values:
                    self.model_fields[name].run_validators(value)
            except forms.ValidationError as error:
                errors.extend(f"{form_field.label}: {message}" for message in error.messages)
            else:
                values[name] = value
        return values, errors


@dataclass
class Row:
    line: int
    cells: dict
    outcome: str = Outcome.NEW
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    municipality: Municipality | None = None
    disciplines: list = field(default_factory=list)
    key: str = ""
    matches: list = field(default_factory=list)  # mitglieder.duplicates.Match
    same_as_line: int | None = None

    @property
    def label(self):
        return Outcome.LABELS[self.outcome]

    @property
    def email(self):
        return self.values.get("contact_email", "")


class Vocabulary:
    """Places and disciplines by folded name, read once per check."""

    def __init__(self, association):
        self.validator = RowValidator()
        self.places = {}
        for place in Municipality.objects.select_related("district").order_by("name", "pk"):
            # A name that two districts share: the association's own place wins.
            current = self.places.get(fold(place.name))
            if current is None or (
                current.district.association_id != association.pk
                and place.district.association_id == association.pk
            ):
                self.places[fold(place.name)] = place
        self.disciplines = {}
        for discipline in Discipline.objects.order_by("pk"):
            for text in (discipline.name, discipline.name_en, discipline.slug):
                if text:
                    self.disciplines.setdefault(fold(text), discipline)

    def place(self, text):
        """(place, mapped-from note or "") or (None, "")."""
        folded = fold(text).strip()
        if folded in self.places:
            return self.places[folded], ""
        hit = process.extractOne(
            folded, list(self.places), scorer=fuzz.ratio, score_cutoff=FUZZY_PLACE
        )
        if hit:
            return self.places[hit[0]], hit[0]
        return None, ""

    def discipline(self, text):
        folded = fold(text).strip()
        if folded in self.disciplines:
            return self.disciplines[folded], False
        hit = process.extractOne(
            folded, list(self.disciplines), scorer=fuzz.ratio, score_cutoff=FUZZY_DISCIPLINE
        )
        if hit:
            return self.disciplines[hit[0]], True
        return None, False


def import_key(row: Row) -> str:
    """The e-mail address if there is one, else the name and the place."""
    if row.email:
        return "email:" + normalise_email(row.email)
    place = row.municipality.pk if row.municipality else fold(row.cells.get("place", ""))
    return f"name:{name_core(row.values.get('name', row.cells.get('name', '')))}@{place}"[:300]


def check_rows(raw_rows, association) -> list[Row]:
    """Check every row of a file (as einlesen.reading read it) for `association`."""
    vocabulary = Vocabulary(association)
    rows = [_check_cells(Row(raw["line"], raw["cells"]), vocabulary) for raw in raw_rows]
    _check_within_file(rows)
    _check_already_imported(rows, association)
    _check_duplicates(rows)
    return rows


def _check_cells(row: Row, vocabulary: Vocabulary) -> Row:
    cells = row.cells
    for key, value in cells.items():
        if len(value) > MAX_CELL_LENGTH:
            row.errors.append(
                _("A cell is longer than %(limit)d characters.") % {"limit": MAX_CELL_LENGTH}
            )
            cells = {k: v[:MAX_CELL_LENGTH] for k, v in cells.items()}
            break
        if value.startswith(FORMULA_STARTS) and key != "phone":
            row.warnings.append(
                _("“%(value)s” looks like a spreadsheet formula; it is kept as plain text.")
                % {"value": value[:60]}
            )
    kind_text = fold(cells.get("kind", "")).strip()
    kind = KINDS.get(kind_text, Profile.Kind.PERSON if not kind_text else None)
    if kind is None:
        row.errors.append(
            _("Unknown kind “%(value)s”: please use Person, Unternehmen or Kollektiv.")
            % {"value": cells["kind"][:60]}
        )
        kind = Profile.Kind.PERSON
    data = {
        "name": cells.get("name", ""),
        "kind": kind,
        "tagline": cells.get("tagline", ""),
        "description": cells.get("description", ""),
        "website": cells.get("website", ""),
        "contact_email": cells.get("email", ""),
        "phone": cells.get("phone", ""),
        "street_address": cells.get("street_address", ""),
        "postal_code": _postal_code(cells.get("postal_code", "")),
    }
    values, errors = vocabulary.validator.clean(data)
    if errors:
        row.errors.extend(errors)
        row.values = {"name": data["name"]}
    else:
        row.values = values
        row.values["contact_email"] = normalise_email(values["contact_email"])
    _check_place(row, vocabulary)
    _check_disciplines(row, vocabulary)
    if row.errors:
        row.outcome = Outcome.ERROR
    row.key = import_key(row)
    return row


def _postal_code(text):
    # Excel turns "01067" into the number 1067.
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


def _check_place(row, vocabulary):
    text = row.cells.get("place", "")
    if not text:
        row.errors.append(_("The place is missing."))
        return
    place, mapped_from = vocabulary.place(text)
    if place is None:
        row.errors.append(
            _("Unknown place “%(value)s”: please use the name of a town in Saxony.")
            % {"value": text[:80]}
        )
    elif mapped_from:
        row.warnings.append(
            _("Place “%(value)s” read as “%(place)s”.") % {"value": text[:80], "place": place.name}
        )
    row.municipality = place


def _check_disciplines(row, vocabulary):
    chosen = []
    for text in filter(
        None, (part.strip() for part in _SEPARATORS.split(row.cells.get("disciplines", "")))
    ):
        discipline, fuzzy = vocabulary.discipline(text)
        if discipline is None:
            row.warnings.append(
                _("Unknown discipline “%(value)s” left out.") % {"value": text[:80]}
            )
            continue
        if fuzzy:
            row.warnings.append(
                _("Discipline “%(value)s” read as “%(discipline)s”.")
                % {"value": text[:80], "discipline": discipline.name}
            )
        if discipline not in chosen:
            chosen.append(discipline)
    if len(chosen) > MAX_DISCIPLINES:
        row.warnings.append(
            _("More than %(count)d disciplines: only the first %(count)d are kept.")
            % {"count": MAX_DISCIPLINES}
        )
        chosen = chosen[:MAX_DISCIPLINES]
    row.disciplines = chosen


def _check_within_file(rows):
    first_with_key = {}
    for row in rows:
        if row.outcome == Outcome.ERROR:
            continue
        earlier = first_with_key.setdefault(row.key, row)
        if earlier is not row:
            row.outcome = Outcome.IN_FILE
            row.same_as_line = earlier.line
            row.errors.append(
                _(
                    "The same member as in row %(line)d (same e-mail address, "
                    "or same name and place)."
                )
                % {"line": earlier.line}
            )
    usable = [row for row in rows if row.outcome == Outcome.NEW]
    cores = [name_core(row.values.get("name", "")) for row in usable]
    for row, similar in zip(usable, similar_names(cores), strict=True):
        for index in similar:
            row.warnings.append(
                _("The name resembles that of row %(line)d.") % {"line": usable[index].line}
            )
    hosts = {}
    for row in usable:
        host = website_host(row.values.get("website", ""))
        if host and host in hosts:
            row.warnings.append(_("The same website as row %(line)d.") % {"line": hosts[host].line})
        hosts.setdefault(host, row)


def _check_already_imported(rows, association):
    keys = {row.key for row in rows if row.outcome == Outcome.NEW}
    known = set(
        ImportRecord.objects.filter(association=association, key__in=keys).values_list(
            "key", flat=True
        )
    )
    for row in rows:
        if row.outcome == Outcome.NEW and row.key in known:
            row.outcome = Outcome.ALREADY_IMPORTED


def _check_duplicates(rows):
    candidates = [row for row in rows if row.outcome == Outcome.NEW]
    found = find_duplicates(
        Candidate(name=row.values["name"], email=row.email, website=row.values.get("website", ""))
        for row in candidates
    )
    for row, matches in zip(candidates, found, strict=True):
        row.matches = matches
        if any(match.is_strong for match in matches):
            row.outcome = Outcome.DUPLICATE
        elif matches:
            row.outcome = Outcome.POSSIBLE_DUPLICATE
