import pytest
from django.core.cache import cache

from kern.rate_limits import Limit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_giving_back_undoes_one_attempt_and_keeps_the_others():
    limit = Limit("test-give-back", attempts=2, seconds=60)
    assert limit.take("x")
    assert limit.take("x")
    limit.give_back("x")
    assert limit.take("x")
    assert not limit.take("x")


def test_giving_back_after_the_window_ended_changes_nothing():
    limit = Limit("test-give-back-late", attempts=1, seconds=60)
    limit.give_back("x")
    assert limit.take("x")
    assert not limit.take("x")
