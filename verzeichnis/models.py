"""Facet counters of the directory, kept current by the write path (verzeichnis.counters).

Nobody types into these rows: every text column is a code the counters write (not editable).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

# A counter cell's key, in the order of its unique index (verzeichnis.counters upserts by it).
CELL_COLUMNS = (
    "within",
    "facet",
    "municipality_id",
    "value",
    "association_id",
    "kind",
    "open_for_commissions",
    "seeks_cooperation",
)


class FacetCount(models.Model):
    """How many listed profiles fall into one cell: a facet value within one slice.

    `within` is the slice: "" for all listed profiles, "s<id>" for those of one submarket,
    "d<id>" for those of one discipline. `facet` says what is counted: "p" the profiles
    themselves (`value` 0), "d" those with discipline `value`, "s" those with a discipline
    in submarket `value`. The other columns are the filters a cell can be summed over;
    discipline and submarket cells exist twice, per place and (municipality 0) per
    association, so that a page without a place filter sums a few thousand cells.
    """

    within = models.CharField(max_length=12, editable=False)
    facet = models.CharField(max_length=1, editable=False)
    value = models.IntegerField()
    association_id = models.IntegerField()
    municipality_id = models.IntegerField()
    kind = models.CharField(max_length=12, editable=False)
    open_for_commissions = models.BooleanField()
    seeks_cooperation = models.BooleanField()
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                # Its index serves the reads: a slice, a facet, then the cells per
                # association (municipality 0) or of the places filtered by.
                fields=list(CELL_COLUMNS),
                name="facet_count_cell",
            )
        ]

    def __str__(self):
        return f"{self.within}/{self.facet}{self.value}: {self.n}"


class CountedProfile(models.Model):
    """A listed profile as the counters last counted it: what a change must subtract, and
    what a search tallies of its matches.

    No foreign key: after a profile is deleted its row still says what to take away.
    """

    profile_id = models.BigIntegerField(primary_key=True)
    association_id = models.IntegerField()
    municipality_id = models.IntegerField()
    kind = models.CharField(max_length=12, editable=False)
    open_for_commissions = models.BooleanField()
    seeks_cooperation = models.BooleanField()
    # Ids joined by commas ("3,17"), sorted: a search groups its matches by them in SQL
    # and unpacks each distinct set once (verzeichnis.directory), cheaper than JSON per row.
    discipline_ids = models.TextField(editable=False, default="")
    submarket_ids = models.TextField(editable=False, default="")
    # PostgreSQL: the profile's search_count_vector, copied by verzeichnis.counters, with a
    # GIN index (migration 0003), so that a search counts its matches in this narrow table
    # rather than in the wide profile rows. Empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL: what a search ranks and sorts its matches by, copied from the profile with
    # the count vector, so that the page of a search is found in these narrow rows too (at
    # 200 000 profiles the wide profile rows made "Fotografie" cost a quarter of a second).
    # The rank vector is the count vector's name, vocabulary and tagline entries (weights
    # A-C, ts_filter): small enough to stay in the row for the four tests per query word.
    rank_vector = SearchVectorField(null=True, editable=False)
    # Database defaults as well: a server still running the release before these columns
    # can insert counted rows while the new one migrates.
    sort_name = models.CharField(max_length=150, editable=False, default="", db_default="")
    completeness = models.PositiveSmallIntegerField(default=0, db_default=0)
    published_at = models.DateTimeField(null=True)

    class Meta:
        # A search with filters combines one of these with the search vector's GIN index
        # (a bitmap AND) instead of testing every row's vector: at 200 000 profiles
        # "Design" in Leipzig's companies took 90 ms instead of 200.
        indexes = [
            models.Index(fields=["association_id", "kind"], name="counted_association_kind"),
            models.Index(fields=["municipality_id"], name="counted_place"),
        ]

    def __str__(self):
        return str(self.profile_id)


class CountedChange(models.Model):
    """A counted row as it was just before a change (verzeichnis.counters.sync_counts): what
    a search's cached counts take away, with the row as it is now added, to catch up with
    the changes since they were counted (verzeichnis.directory) instead of counting every
    match again. `id` orders the changes as they committed (the counters change one at a
    time); `counted` is False for a profile that had no counted row (it was not listed).
    Only the latest few thousand, and none older than an hour, are kept: cached counts
    live ten minutes.
    """

    id = models.BigAutoField(primary_key=True)
    # When the change was noted (clock_timestamp(): in the order of `id`, as one change
    # notes at a time), for pruning by age.
    noted_at = models.DateTimeField()
    profile_id = models.BigIntegerField()
    counted = models.BooleanField()
    association_id = models.IntegerField(null=True)
    municipality_id = models.IntegerField(null=True)
    kind = models.CharField(max_length=12, editable=False)
    open_for_commissions = models.BooleanField(null=True)
    seeks_cooperation = models.BooleanField(null=True)
    discipline_ids = models.TextField(editable=False, default="")
    submarket_ids = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    def __str__(self):
        return f"{self.id}: {self.profile_id}"
