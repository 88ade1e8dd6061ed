# The two commands the README promises: `make run` and `make test`.
# Everything runs inside .venv, created by uv from uv.lock.

# uv from PATH, else where `pip install --user uv` puts it, else through python3 once installed.
UV := $(shell command -v uv 2>/dev/null || { test -x "$(HOME)/.local/bin/uv" && echo "$(HOME)/.local/bin/uv"; } || echo "python3 -m uv")
export UV_PYTHON_DOWNLOADS := never
MANAGE := $(UV) run --frozen python manage.py
# Housekeeping commands (translations, migration checks) need no production secrets.
DEV_MANAGE := DEBUG=1 $(MANAGE)
DEMO_MEMBERS ?= 120

.PHONY: install run test lint format migrations-check messages compilemessages ci production screenshots

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet --user uv
	$(UV) sync --frozen
	$(DEV_MANAGE) compilemessages --ignore=.venv --verbosity 0

# Local development server with demo content on http://127.0.0.1:8000.
run: export DEBUG ?= 1
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo --members $(DEMO_MEMBERS) --if-empty
	$(MANAGE) reindex_profiles --if-stale
	$(MANAGE) demo_staff
	$(MANAGE) runserver 127.0.0.1:8000

# Tests run on every core (pytest-xdist); PYTEST_ARGS adds options, e.g. PYTEST_ARGS="-n 0 tests/portal".
test: install
	$(UV) run --frozen pytest -n auto $(PYTEST_ARGS)

# Production: the locked runtime dependencies only, then bin/start-production (deploy
# checks, migrate, collectstatic, compilemessages, gunicorn). Needs the production
# environment variables (README, "Production").
production:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet --user uv
	$(UV) sync --frozen --no-dev
	bin/start-production

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports

format:
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

migrations-check:
	$(DEV_MANAGE) makemigrations --check --dry-run

# Refresh the German catalogue after changing strings, then translate the new entries.
messages:
	$(DEV_MANAGE) makemessages --locale de --ignore=.venv --ignore=staticfiles --ignore=tests --no-obsolete --add-location file

compilemessages: install

# The README's screenshots (docs/screenshots/) from fresh demo data; needs /usr/bin/chromium.
screenshots: install
	$(UV) run --frozen python bin/screenshots
