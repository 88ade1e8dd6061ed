from io import StringIO

from django.core.management import call_command

from mitglieder.models import Profile
from mitglieder.search import search_profiles, uses_postgres_search
from tests.factories import make_profile


def _make_index_stale(profile):
    if uses_postgres_search():
        Profile.objects.filter(pk=profile.pk).update(
            search_vector=None, search_rank_vector=None, search_count_vector=None
        )
    else:
        Profile.objects.filter(pk=profile.pk).update(search_text="altes format")


def test_a_stale_index_is_rebuilt_on_start_and_a_current_one_left_alone(reference_data):
    profile = make_profile("dresden", name="Kupferstecherei Vogel")
    _make_index_stale(profile)
    assert not search_profiles(Profile.objects.all(), "Kupferstecherei").exists()

    out = StringIO()
    call_command("reindex_profiles", "--if-stale", stdout=out)
    assert "Reindexed" in out.getvalue()
    assert search_profiles(Profile.objects.all(), "Kupferstecherei").exists()

    out = StringIO()
    call_command("reindex_profiles", "--if-stale", stdout=out)
    assert "current" in out.getvalue()
