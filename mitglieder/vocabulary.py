"""The directory's fixed vocabulary: associations, districts, places, submarkets, disciplines.

It changes only when staff edit it, yet every directory request needs it for filter labels
and slug look-ups, so it is cached and dropped whenever one of its rows changes.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from sparten.models import Discipline, Submarket
from verbaende.models import Association, District, Municipality

CACHE_KEY = "directory-vocabulary-v1"
ASSOCIATIONS_CACHE_KEY = "site-associations-v1"
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Vocabulary:
    associations: tuple
    districts: tuple
    municipalities: tuple
    submarkets: tuple
    disciplines: tuple

    def by_slug(self, kind: str) -> dict:
        return {item.slug: item for item in getattr(self, kind)}

    def by_id(self, kind: str) -> dict:
        return {item.pk: item for item in getattr(self, kind)}


def load_associations() -> tuple:
    """All associations, for every page's navigation and footer: cached on its own so that
    a page needing nothing else pays at most one query for it."""
    associations = cache.get(ASSOCIATIONS_CACHE_KEY)
    if associations is None:
        associations = tuple(Association.objects.all())
        cache.set(ASSOCIATIONS_CACHE_KEY, associations, CACHE_SECONDS)
    return associations


def load_vocabulary() -> Vocabulary:
    vocabulary = cache.get(CACHE_KEY)
    if vocabulary is None:
        municipalities = tuple(Municipality.objects.select_related("district__association"))
        disciplines = tuple(Discipline.objects.select_related("submarket"))
        districts = {m.district_id: m.district for m in municipalities}
        submarkets = {d.submarket_id: d.submarket for d in disciplines}
        vocabulary = Vocabulary(
            associations=load_associations(),
            districts=tuple(sorted(districts.values(), key=lambda d: d.name)),
            municipalities=municipalities,
            submarkets=tuple(sorted(submarkets.values(), key=lambda s: s.position)),
            disciplines=disciplines,
        )
        cache.set(CACHE_KEY, vocabulary, CACHE_SECONDS)
    return vocabulary


def forget_vocabulary(**kwargs):
    cache.delete_many([CACHE_KEY, ASSOCIATIONS_CACHE_KEY])


for model in (Association, District, Municipality, Submarket, Discipline):
    post_save.connect(forget_vocabulary, sender=model, dispatch_uid=f"vocabulary-{model.__name__}")
    post_delete.connect(
        forget_vocabulary, sender=model, dispatch_uid=f"vocabulary-del-{model.__name__}"
    )
