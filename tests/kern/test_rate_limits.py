from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache

from kern.rate_limits import Limit, take_all


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_parallel_attempts_never_exceed_the_limit():
    limit = Limit("test-parallel", attempts=5, seconds=60)
    with ThreadPoolExecutor(max_workers=25) as pool:
        allowed = list(pool.map(lambda _: limit.take("203.0.113.7"), range(25)))
    assert allowed.count(True) == 5


def test_values_and_scopes_count_separately():
    first = Limit("test-a", attempts=1, seconds=60)
    other_scope = Limit("test-b", attempts=1, seconds=60)
    assert first.take("x")
    assert not first.take("x")
    assert first.exceeded("x")
    assert first.take("y")
    assert other_scope.take("x")


def test_take_all_counts_every_limit_even_after_one_refuses():
    per_ip = Limit("test-ip", attempts=1, seconds=60)
    per_address = Limit("test-address", attempts=3, seconds=60)
    assert take_all([(per_ip, "ip"), (per_address, "a@example.test")])
    assert not take_all([(per_ip, "ip"), (per_address, "a@example.test")])
    assert not take_all([(per_ip, "ip"), (per_address, "a@example.test")])
    # The address used up its budget too, from the same IP's refused attempts.
    assert not per_address.take("a@example.test")


def test_the_cache_holds_no_readable_value():
    Limit("test-privacy", attempts=1, seconds=60).take("alice@example.test")
    keys = list(cache._cache.keys())
    assert keys and not any("alice" in key for key in keys)


def test_reset_starts_a_new_window():
    limit = Limit("test-reset", attempts=1, seconds=60)
    limit.take("x")
    limit.reset("x")
    assert limit.take("x")


def test_a_counter_recreated_without_expiry_gets_one(monkeypatch):
    """Redis's incr checks existence, then increments: a key expiring in between comes back
    as 1 with no expiry. The limiter must give it the window's expiry again."""
    limit = Limit("test-recreated", attempts=5, seconds=60)
    limit.take("x")
    touched = []
    monkeypatch.setattr(cache, "incr", lambda key, delta=1: 1)
    monkeypatch.setattr(cache, "touch", lambda key, timeout: touched.append(timeout) or True)
    assert limit.take("x")
    assert touched == [60]
