"""Browser tests: Debian's Chromium, driven by Playwright's sync API, against pytest-django's
live server.

Playwright's own browser builds are never used (no `playwright install`): the tests launch
/usr/bin/chromium from Debian's `chromium` package and fail, not skip, when it is missing.
Every request a page makes is checked: anything not addressed to the live server is aborted
and fails the test, so nothing leaves the machine.
"""

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Request as BrowserRequest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_MISSING = (
    f"{CHROMIUM} is missing or not executable. The browser tests drive Debian's Chromium, "
    "never a Playwright download: install it with "
    "`apt-get update && apt-get install -y chromium` (the CI script .ci/run does this)."
)
LIVE_SERVER_HOSTS = {"127.0.0.1", "localhost"}
# Fail within seconds instead of Playwright's default 30 s when a page hangs.
TIMEOUT_MS = 15_000

BROWSER_DIR = Path(__file__).resolve().parent


def _is_browser_test(item: pytest.Item) -> bool:
    return BROWSER_DIR in Path(item.path).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected test of the session, so mark only the ones in this folder.
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)


class Chromium:
    """One Chromium for the whole test session.

    It starts with the first browser test and stops right after the last one: while Playwright's
    sync API is running it keeps an asyncio event loop running in the test thread. Django then
    refuses ORM calls there (SynchronousOnlyOperation), and asgiref's async_to_sync refuses to
    run at all, which would break unrelated tests that run later in the same session.
    """

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._previous_async_unsafe: str | None = None

    def get(self) -> Browser:
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        self.stop()
        if not os.access(CHROMIUM, os.X_OK):
            pytest.fail(CHROMIUM_MISSING, pytrace=False)
        # The tests use the ORM synchronously between browser calls (fixtures, the live server's
        # database flush), which is safe; Django's check only sees the running event loop.
        self._previous_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000
            )
        except PlaywrightError as error:
            self.stop()
            pytest.fail(f"Could not launch {CHROMIUM}: {error}", pytrace=False)
        return self._browser

    def stop(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(PlaywrightError):  # Already gone (crashed or closed).
                self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None
            if self._previous_async_unsafe is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self._previous_async_unsafe


_CHROMIUM = Chromium()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    try:
        return (yield)
    finally:
        # After the last browser test (its fixtures, including the database flush, are torn
        # down by now), stop the browser so the remaining tests run without Playwright's loop.
        if _is_browser_test(item) and (nextitem is None or not _is_browser_test(nextitem)):
            _CHROMIUM.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    yield _CHROMIUM
    _CHROMIUM.stop()


@pytest.fixture
def browser(chromium: Chromium) -> Browser:
    """The session's Chromium (started on first use)."""
    return chromium.get()


@dataclass
class RequestGuard:
    """Records every request of the contexts it watches; aborts those not addressed to the live
    server (data: URLs are fine) and remembers them, so the test fails."""

    live_server_port: int
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def is_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        return (
            parts.scheme in {"http", "https"}
            and parts.hostname in LIVE_SERVER_HOSTS
            and parts.port == self.live_server_port
        )

    def watch(self, context: BrowserContext) -> None:
        context.on("request", self._record)
        context.route("**/*", self._route)

    def _record(self, request: BrowserRequest) -> None:
        self.requests.append(request.url)
        if not self.is_allowed(request.url) and request.url not in self.outside:
            self.outside.append(request.url)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self.is_allowed(url):
            route.continue_()
            return
        if url not in self.outside:
            self.outside.append(url)
        route.abort("blockedbyclient")

    def assert_nothing_left_the_machine(self) -> None:
        assert not self.outside, "The page tried to reach other hosts (requests aborted):\n" + (
            "\n".join(f"  {url}" for url in self.outside)
        )


@pytest.fixture
def request_guard(live_server) -> Iterator[RequestGuard]:
    guard = RequestGuard(live_server_port=urlsplit(live_server.url).port)
    yield guard
    # Also catches requests made after the test's own assertions.
    if guard.outside:
        pytest.fail(
            "The page tried to reach other hosts (requests aborted):\n"
            + "\n".join(f"  {url}" for url in guard.outside),
            pytrace=False,
        )


@dataclass
class PageLog:
    """Console errors and uncaught exceptions of one page."""

    console_errors: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page: Page) -> "PageLog":
        log = cls()
        page.on("console", lambda message: log._console(message))
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        return log

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message)

    def problems(self, *, ignore_document_url: str | None = None) -> list[str]:
        """Readable lines for every error. With ignore_document_url, the line Chromium always
        logs for a document served with an error status (an expected 404) is left out."""
        lines = []
        for message in self.console_errors:
            location = message.location.get("url", "")
            if (
                ignore_document_url is not None
                and location == ignore_document_url
                and message.text.startswith("Failed to load resource")
            ):
                continue
            lines.append(f"console error: {message.text} (at {location or 'unknown'})")
        lines.extend(f"page error: {error}" for error in self.page_errors)
        return lines


@dataclass
class BrowserTab:
    page: Page
    log: PageLog
    guard: RequestGuard
    base_url: str

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def open_page(
    browser: Browser, live_server, request_guard: RequestGuard
) -> Iterator[Callable[..., BrowserTab]]:
    """Opens a page in a fresh browser context (German locale) against the live server.

    bypass_csp=True lets axe-core's injected script run despite the site's strict CSP; pass
    bypass_csp=False to see the page exactly as a visitor's browser enforces it.
    """
    contexts: list[BrowserContext] = []

    def open_page(*, bypass_csp: bool = True) -> BrowserTab:
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=bypass_csp,
            locale="de-DE",
            timezone_id="Europe/Berlin",
            viewport={"width": 1280, "height": 800},
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        request_guard.watch(context)
        contexts.append(context)
        page = context.new_page()
        return BrowserTab(page, PageLog.attach(page), request_guard, live_server.url)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def open_page_as(open_page, live_server) -> Callable[..., BrowserTab]:
    """open_page_as(user, **kwargs): a page whose browser context is logged in as `user`
    (the session cookie of a test client's force_login)."""
    from django.test import Client

    def open_logged_in(user, **kwargs) -> BrowserTab:
        client = Client()
        client.force_login(user)
        tab = open_page(**kwargs)
        tab.page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return tab

    return open_logged_in
