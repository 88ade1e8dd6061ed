"""Shared pieces of the load, fault and two-process scripts: environment, database
preparation, a gunicorn process that is always stopped, and a tiny HTTP client with cookies
and a form reader. Standard library only (plus psycopg from the project's .venv)."""

import contextlib
import dataclasses
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
MANAGE = str(ROOT / "manage.py")
LOCALE_SOURCE = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
LOCALE_COMPILED = LOCALE_SOURCE.with_suffix(".mo")
UNAVAILABLE_TEXT = "vorübergehend nicht erreichbar"


def say(message: str) -> None:
    print(message, flush=True)


def terminate_on_sigterm() -> None:
    """SIGTERM (and SIGHUP) become SystemExit, so `finally` blocks clean up as for Ctrl-C."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, *, cache_url: str | None = None, **extra: str) -> dict:
    """The environment of a production-like app process on plain HTTP over loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "CACHE_URL", "REDIS_URL", "PAGE_CACHE_SECONDS", "DATABASE_URL"}
    }
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "ACCESS_LOG": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    if cache_url:
        env["CACHE_URL"] = cache_url
    env |= extra
    return env


def run(arguments: list[str], env: dict, *, what: str) -> str:
    """Run a fixed command of ours; stop the script with its output if it fails."""
    # Absolute interpreter path, arguments built by these scripts, no shell.
    result = subprocess.run(  # noqa: S603
        arguments, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"{what} failed (exit code {result.returncode})")
    return result.stdout


def prepare_static(env: dict) -> None:
    """Hashed static files (whitenoise's manifest) and the German catalogue."""
    run(
        [PYTHON, MANAGE, "collectstatic", "--no-input", "--verbosity", "0"],
        env,
        what="collectstatic",
    )
    if (
        not LOCALE_COMPILED.exists()
        or LOCALE_COMPILED.stat().st_mtime < LOCALE_SOURCE.stat().st_mtime
    ):
        run(
            [PYTHON, MANAGE, "compilemessages", "--ignore=.venv", "--verbosity", "0"],
            env | {"DEBUG": "1"},
            what="compilemessages",
        )


def prepare_database(env: dict, *, profiles: int, slugs: int = 20, member=None) -> dict:
    """Migrate and seed the database of env's DATABASE_URL (see prepare_db.py)."""
    arguments = [
        PYTHON,
        str(ROOT / "loadtest" / "prepare_db.py"),
        "--profiles",
        str(profiles),
        "--slugs",
        str(slugs),
    ]
    if member:
        arguments += ["--member-email", member[0], "--member-password", member[1]]
    output = run(arguments, env, what="preparing the database")
    return json.loads(output.strip().splitlines()[-1])


def ensure_database(name: str, *, port: int = 5432, host: str = "127.0.0.1") -> bool:
    """Create database `name` unless it exists; True if it was created."""
    import psycopg

    with psycopg.connect(
        host=host, port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if exists:
            return False
        # The name is a fixed identifier of these scripts; quoted by psycopg's sql module.
        from psycopg import sql

        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def flush_redis(db: int) -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()


class Gunicorn:
    """One gunicorn master with its workers, started in its own session and always stopped."""

    def __init__(self, env: dict, *, port: int, workers: int, log_path: Path):
        self.port = port
        self.env = env | {"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
        self.log_path = log_path
        self.process = None

    def start(self) -> "Gunicorn":
        self.log = self.log_path.open("ab")
        # Fixed interpreter and module; the configuration file is ours.
        self.process = subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "kreativ_sachsen" / "gunicorn.conf.py"),
                "kreativ_sachsen.wsgi",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_healthy(self, timeout: float = 60) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited early; see {self.log_path}")
            with contextlib.suppress(OSError):
                if fetch(self.port, "/healthz", timeout=2).status == 200:
                    return time.monotonic() - started
            time.sleep(0.2)
        raise SystemExit(f"gunicorn on port {self.port} not healthy after {timeout} s")

    def worker_pids(self) -> set[int]:
        children = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                # The command name may hold spaces; the fields after its ")" do not.
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                if parent == self.process.pid:
                    children.add(int(entry.name))
        return children

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # Only the process group we started: the master and its workers.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@dataclasses.dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: str
    seconds: float

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def fetch(port, path, *, method="GET", headers=None, body=None, timeout=10.0) -> Response:
    """One request on a fresh connection; redirects are returned, not followed."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        content = answer.read().decode("utf-8", errors="replace")
        return Response(answer.status, answer.getheaders(), content, time.monotonic() - started)
    finally:
        connection.close()


class Browser:
    """Keeps cookies across requests and apps, like one browser on one host name."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port, path, *, method="GET", data=None, timeout=10.0) -> Response:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # CsrfViewMiddleware checks the Origin of unsafe requests against the host.
            headers["Origin"] = f"http://127.0.0.1:{port}"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        response = fetch(port, path, method=method, headers=headers, body=body, timeout=timeout)
        for name, value in response.headers:
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(morsel.key, None)
                    else:
                        self.cookies[morsel.key] = morsel.value
        return response

    def login(self, port, email, password) -> Response:
        page = self.request(port, "/konto/anmelden/")
        fields = dict(read_form(page.body, has_field="password"))
        fields |= {"username": email, "password": password}
        return self.request(port, "/konto/anmelden/", method="POST", data=fields)


class _FormReader(HTMLParser):
    """The fields a browser would submit for each form of a page (no files, no buttons)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self.names: list[set[str]] = []
        self.current = None
        self.select = None  # [name, multiple, options, selected]
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.current = []
            self.forms.append(self.current)
            self.names.append(set())
            return
        if self.current is None:
            return
        name = attributes.get("name")
        if name:
            self.names[-1].add(name)
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.current.append((name, attributes.get("value", default)))
        elif tag == "select" and name:
            self.select = [name, "multiple" in attributes, [], []]
        elif tag == "option" and self.select is not None:
            self.option = [attributes.get("value"), "", "selected" in attributes]
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            value, text, selected = self.option
            value = text.strip() if value is None else value
            self.select[2].append(value)
            if selected:
                self.select[3].append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            name, multiple, options, selected = self.select
            if not selected and not multiple and options:
                selected = options[:1]
            self.current.extend((name, value) for value in selected)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop one newline right after <textarea>.
            self.current.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.current = None


def read_form(html: str, *, has_field: str) -> list[tuple[str, str]]:
    """The submitted fields of the first form on the page that has a field `has_field`."""
    reader = _FormReader()
    reader.feed(html)
    for fields, names in zip(reader.forms, reader.names, strict=True):
        if has_field in names:
            return fields
    raise ValueError(f"no form with a field {has_field!r} on the page")


def replace_field(fields, name, value) -> list[tuple[str, str]]:
    return [(key, value if key == name else old) for key, old in fields]
