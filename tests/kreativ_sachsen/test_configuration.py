import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from kreativ_sachsen.env import env_bool, env_int, env_list, env_secret_key

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 60


def run_manage(*args, **env_overrides):
    return run_python("manage.py", *args, **env_overrides)


def run_python(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        # The suite's own test settings (pyproject's pytest-env) are not production's.
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "SECURE_SSL_REDIRECT",
            "PAGE_CACHE_SECONDS",
            "SITE_URL",
            "TASKS_BACKEND",
        }
    }
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False)]
)
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_a_missing_boolean_takes_its_default(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert env_bool("FLAG", default=True) is True


def test_a_malformed_boolean_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG")


def test_numbers_must_be_whole_and_within_bounds(monkeypatch):
    monkeypatch.setenv("SIZE", "12")
    assert env_int("SIZE", 1) == 12
    monkeypatch.setenv("SIZE", "twelve")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("SIZE", 1)
    monkeypatch.setenv("SIZE", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("SIZE", 5, minimum=1)


def test_lists_are_comma_separated_and_drop_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", "example.org, www.example.org,,")
    assert env_list("HOSTS") == ["example.org", "www.example.org"]


def test_the_secret_key_has_no_default_outside_debug(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        env_secret_key("SECRET_KEY", debug=False, development_default="dev")
    assert env_secret_key("SECRET_KEY", debug=True, development_default="dev") == "dev"


@pytest.mark.parametrize("weak", ["short", "django-insecure-" + "x" * 60])
def test_weak_secret_keys_are_refused_outside_debug(monkeypatch, weak):
    monkeypatch.setenv("SECRET_KEY", weak)
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        env_secret_key("SECRET_KEY", debug=False, development_default="dev")


def test_debug_is_off_unless_asked_for(settings):
    # The suite runs with the environment's defaults: production behaviour.
    assert settings.DEBUG is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "banana"}, "Configuration error: DEBUG='banana' is not a boolean"),
        ({}, "Configuration error: SECRET_KEY is not set"),
        (
            {"DEBUG": "1", "DATABASE_URL": "mysql://root@127.0.0.1/test"},
            "Configuration error: DATABASE_URL must point at SQLite or PostgreSQL",
        ),
        ({"SECRET_KEY": STRONG_KEY, "SESSION_COOKIE_AGE": "soon"}, "is not a whole number"),
        (
            {"SECRET_KEY": STRONG_KEY, "TASKS_BACKEND": "celery"},
            "TASKS_BACKEND='celery' must be one of: database, immediate.",
        ),
    ],
)
def test_bad_configuration_stops_start_up_with_one_line(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def complete_configuration(tmp_path):
    return {
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def test_a_complete_configuration_starts(complete_configuration):
    result = run_manage("check", **complete_configuration)
    assert result.returncode == 0, result.stderr


# `manage.py check` as a production install (`uv sync --no-dev`) runs it: Faker, a development
# dependency, cannot be imported; any import of it fails.
WITHOUT_FAKER = """
import runpy, sys
sys.modules["faker"] = None
sys.argv = ["manage.py", "check"]
runpy.run_path("manage.py", run_name="__main__")
from django.apps import apps
from django.core.management import get_commands
print("demo app:", apps.is_installed("demo"), "seed_demo:", "seed_demo" in get_commands())
"""


def test_without_faker_the_site_starts_without_the_demo_app(complete_configuration):
    # The suite has the development dependencies, and with them the demo app.
    assert apps.is_installed("demo")

    result = run_python("-c", WITHOUT_FAKER, **complete_configuration)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "demo app: False seed_demo: False" in result.stdout


PRINT_TASK_BACKEND = """
import django
django.setup()
from django.conf import settings
print(settings.TASKS["default"]["BACKEND"])
"""


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        # Production: mail waits in the database for the worker, never for the mail server.
        ({}, "django_tasks_db.DatabaseBackend"),
        # `make run`: no worker to start, tasks run at once.
        ({"DEBUG": "1"}, "django.tasks.backends.immediate.ImmediateBackend"),
        ({"TASKS_BACKEND": "immediate"}, "django.tasks.backends.immediate.ImmediateBackend"),
    ],
)
def test_the_task_queue_is_the_database_unless_asked_otherwise(
    complete_configuration, env, backend
):
    result = run_python(
        "-c",
        PRINT_TASK_BACKEND,
        DJANGO_SETTINGS_MODULE="kreativ_sachsen.settings",
        **complete_configuration | env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend
