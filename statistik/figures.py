"""The numbers behind the statistics, for all of Saxony, one association or one district.

Almost everything is summed from the directory's facet counters (verzeichnis.counters):
the profile cells give members per place, kind and availability, the submarket cells per
place give Teilmarkt x district, a few hundred rows however many members there are. Only
the growth per quarter reads the profiles themselves (one grouped query). The result is
cached under the profiles' version, which every change to a profile replaces, so a new
member counts at once.
"""

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from kern import versions
from mitglieder.models import PROFILES_VERSION, Profile
from verbaende.models import Association
from verzeichnis.counters import ALL, ANY_PLACE, PROFILES, SUBMARKETS
from verzeichnis.models import FacetCount
from verzeichnis.vocabulary import load_vocabulary

CACHE_SECONDS = 10 * 60


@dataclass(frozen=True)
class Scope:
    """What the figures cover: Saxony (the Landesverband), one regional association or one
    district. A district counts every member whose place lies in it, whatever association
    they belong to; its growth is counted from its regional association's founding."""

    association: Association
    district: object = None

    @classmethod
    def of_district(cls, district):
        return cls(association=district.association, district=district)

    @property
    def slug(self):
        return f"kreis-{self.district.slug}" if self.district else self.association.slug

    @property
    def key(self):
        return f"a{self.association.pk}-d{self.district.pk if self.district else 0}"

    @property
    def name(self):
        if self.district:
            return self.district.name
        if self.association.is_state_association:
            return _("Saxony")
        return self.association.short_name

    @property
    def regional(self):
        """One regional association's members (not a district's, not all of Saxony's)."""
        return not self.district and not self.association.is_state_association

    @property
    def founded(self) -> datetime.date:
        association = self.association
        return association.founded_on or datetime.date(association.founded_year, 1, 1)

    def districts(self):
        """The districts the figures are broken down by."""
        vocabulary = load_vocabulary()
        if self.district:
            return [self.district]
        if self.regional:
            return [d for d in vocabulary.districts if d.association_id == self.association.pk]
        return list(vocabulary.districts)

    def places(self):
        """Municipality ids of the district, or None for no place filter."""
        if not self.district:
            return None
        return [m.pk for m in load_vocabulary().municipalities if m.district_id == self.district.pk]


def figures(scope: Scope) -> dict:
    digest = hashlib.sha256(scope.key.encode()).hexdigest()[:16]
    key = f"statistics:{versions.current(PROFILES_VERSION)}:{digest}"
    found = cache.get(key)
    if found is None:
        found = _count(scope)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _cells(scope):
    cells = FacetCount.objects.filter(within=ALL).order_by()
    if scope.regional:
        cells = cells.filter(association_id=scope.association.pk)
    return cells


def _count(scope) -> dict:
    vocabulary = load_vocabulary()
    district_of = {m.pk: m.district_id for m in vocabulary.municipalities}
    places = scope.places()

    profile_cells = _cells(scope).filter(facet=PROFILES)
    if places is not None:
        profile_cells = profile_cells.filter(municipality_id__in=places)
    total = 0
    by_district, by_kind, by_district_kind = Counter(), Counter(), Counter()
    commissions = cooperation = 0
    for place, kind, open_for_commissions, seeks_cooperation, n in (
        profile_cells.values("municipality_id", "kind", "open_for_commissions", "seeks_cooperation")
        .annotate(total=Sum("n"))
        .values_list(
            "municipality_id", "kind", "open_for_commissions", "seeks_cooperation", "total"
        )
    ):
        district = district_of.get(place)
        total += n
        by_district[district] += n
        by_kind[kind] += n
        by_district_kind[(district, kind)] += n
        commissions += n if open_for_commissions else 0
        cooperation += n if seeks_cooperation else 0

    submarket_cells = _cells(scope).filter(facet=SUBMARKETS).exclude(municipality_id=ANY_PLACE)
    if places is not None:
        submarket_cells = submarket_cells.filter(municipality_id__in=places)
    by_submarket, by_submarket_district = Counter(), Counter()
    for place, submarket, n in (
        submarket_cells.values("municipality_id", "value")
        .annotate(total=Sum("n"))
        .values_list("municipality_id", "value", "total")
    ):
        by_submarket[submarket] += n
        by_submarket_district[(submarket, district_of.get(place))] += n

    return {
        "total": total,
        "by_district": dict(by_district),
        "by_kind": dict(by_kind),
        "by_district_kind": dict(by_district_kind),
        "commissions": commissions,
        "cooperation": cooperation,
        "by_submarket": dict(by_submarket),
        "by_submarket_district": dict(by_submarket_district),
        "growth": _growth(scope),
    }


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _growth(scope) -> list[tuple[tuple[int, int], int]]:
    """Members listed at the end of each quarter since the founding, by when they were
    first published (members published before the founding count from its quarter)."""
    profiles = Profile.objects.listed()
    if scope.district:
        profiles = profiles.in_district(scope.district)
    elif scope.regional:
        profiles = profiles.in_association(scope.association)
    per_quarter = Counter()
    first = quarter_of(scope.founded)
    for started, n in (
        profiles.order_by()
        .annotate(quarter=TruncQuarter("published_at"))
        .values("quarter")
        .annotate(n=Count("pk"))
        .values_list("quarter", "n")
    ):
        quarter = quarter_of(timezone.localtime(started).date()) if started else first
        per_quarter[max(quarter, first)] += n
    last = quarter_of(timezone.localdate())
    series, running, quarter = [], 0, first
    while quarter <= last:
        running += per_quarter[quarter]
        series.append((quarter, running))
        year, number = quarter
        quarter = (year + 1, 1) if number == 4 else (year, number + 1)
    # Members published in a future quarter (a wrong clock) still count in the last one.
    running += sum(n for q, n in per_quarter.items() if q > last)
    if series:
        series[-1] = (series[-1][0], running)
    return series
