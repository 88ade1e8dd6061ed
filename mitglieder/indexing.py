"""The derived search columns of profiles: a German dictionary-order key that an index can
sort by, the folded text SQLite searches, and PostgreSQL's search vector (queried by
mitglieder.search)."""

from django.contrib.postgres.search import SearchVector
from django.db import connection

from core.search import fold, sort_key
from mitglieder.models import Profile
from mitglieder.search import SEARCH_CONFIG, uses_postgres_search


def search_document(profile, disciplines) -> str:
    """Everything a visitor might search a profile by, folded."""
    place = profile.municipality
    parts = [
        profile.name,
        profile.tagline,
        profile.description,
        place.name,
        place.district.name,
        *(d.name for d in disciplines),
        *(d.name_en for d in disciplines),
        *{d.submarket.name for d in disciplines},
    ]
    return fold(" ".join(part for part in parts if part))


def refresh_search_index(profile_ids) -> None:
    """Recompute the derived search columns of the given profiles."""
    profiles = list(
        Profile.objects.filter(pk__in=list(profile_ids))
        .select_related("municipality__district")
        .prefetch_related("disciplines__submarket")
    )
    rows = [
        (sort_key(p.name), search_document(p, list(p.disciplines.all())), p.pk) for p in profiles
    ]
    # One parametrised UPDATE run with executemany: bulk_update's CASE expressions grow with
    # the batch and dominated seeding 20 000 profiles.
    meta, quote = Profile._meta, connection.ops.quote_name
    statement = (
        f"UPDATE {quote(meta.db_table)} SET {quote('sort_name')} = %s, "  # noqa: S608 - names only
        f"{quote('search_text')} = %s WHERE {quote(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)
    if uses_postgres_search() and profiles:
        Profile.objects.filter(pk__in=[p.pk for p in profiles]).update(
            search_vector=SearchVector("sort_name", weight="A", config=SEARCH_CONFIG)
            + SearchVector("search_text", weight="C", config=SEARCH_CONFIG)
        )
