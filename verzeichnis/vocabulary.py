"""The directory's fixed vocabulary: associations, districts, places, submarkets, disciplines.

It changes only when staff edit it, yet every directory request needs it for filter labels
and slug look-ups. Each process keeps it in memory; the shared cache holds only a version
token that any change to these tables replaces, so every process reloads after an edit
(and no request pays for unpickling a hundred model instances).
"""

import threading
from functools import cached_property

from django.db.models.signals import post_delete, post_save

from kern import versions
from mitglieder.indexing import vocabulary_index
from teilmaerkte.models import Discipline, Submarket
from verbaende.models import Association, District, Municipality

VOCABULARY_VERSION = "vocabulary"

_lock = threading.RLock()  # re-entrant: the vocabulary loads the associations
_loaded = {}  # name -> (version, value), per process


class Vocabulary:
    def __init__(self, *, associations, municipalities, disciplines):
        self.associations = associations
        self.municipalities = municipalities
        self.disciplines = disciplines
        districts = {m.district_id: m.district for m in municipalities}
        submarkets = {d.submarket_id: d.submarket for d in disciplines}
        self.districts = tuple(sorted(districts.values(), key=lambda d: d.name))
        self.submarkets = tuple(sorted(submarkets.values(), key=lambda s: s.position))
        self._by_slug = {}
        self._by_id = {}
        for kind in ("associations", "districts", "municipalities", "submarkets", "disciplines"):
            items = getattr(self, kind)
            self._by_slug[kind] = {item.slug: item for item in items}
            self._by_id[kind] = {item.pk: item for item in items}

    @cached_property
    def search_items(self) -> tuple:
        """What a search's count asks for by id (mitglieder.search.count_condition)."""
        return vocabulary_index(self.municipalities, self.disciplines)

    def by_slug(self, kind: str) -> dict:
        return self._by_slug[kind]

    def by_id(self, kind: str) -> dict:
        return self._by_id[kind]


def _memoized(name, build):
    version = versions.current(VOCABULARY_VERSION)
    cached = _loaded.get(name)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        value = build()
        _loaded[name] = (version, value)
    return value


def load_associations() -> tuple:
    """All associations, for every page's navigation and footer."""
    return _memoized("associations", lambda: tuple(Association.objects.all()))


def load_vocabulary() -> Vocabulary:
    return _memoized(
        "vocabulary",
        lambda: Vocabulary(
            associations=load_associations(),
            municipalities=tuple(Municipality.objects.select_related("district__association")),
            disciplines=tuple(Discipline.objects.select_related("submarket")),
        ),
    )


def forget_vocabulary(**kwargs):
    versions.bump(VOCABULARY_VERSION)


for model in (Association, District, Municipality, Submarket, Discipline):
    post_save.connect(forget_vocabulary, sender=model, dispatch_uid=f"vocabulary-{model.__name__}")
    post_delete.connect(
        forget_vocabulary, sender=model, dispatch_uid=f"vocabulary-del-{model.__name__}"
    )
