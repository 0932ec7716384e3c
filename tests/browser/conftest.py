"""Browser fixtures: the real forum served on 127.0.0.1, and Debian's Chromium via Playwright."""

import itertools
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from forum import create_app
from forum.boards.management import ensure_default_boards
from forum.extensions import db
from forum.permissions import Role
from tests.factories import make_user

CHROMIUM = os.environ.get("HEARTH_CHROMIUM", "/usr/bin/chromium")
# Never a browser download, never a call home: the only host the browser talks to is ours.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# CI sets this so that a missing browser fails the run instead of skipping it quietly.
REQUIRE_BROWSER = bool(os.environ.get("HEARTH_REQUIRE_BROWSER"))
SCREENSHOTS = Path(__file__).parent / "screenshots"
MODERATOR = "steady-mod"
# Bounded waits: a page that takes longer than this to act is a failure, not a hang.
WAIT_MS = 10_000

_numbers = itertools.count(1)

if REQUIRE_BROWSER:
    import playwright.sync_api  # noqa: F401  (fail loudly in CI rather than skip)


def unique(prefix: str) -> str:
    """A name no other test in this session uses (pseudonyms, titles, search words)."""
    return f"{prefix}{next(_numbers)}"


def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HEARTH_CHROMIUM)"
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, or a skip (a failure under HEARTH_REQUIRE_BROWSER) saying why not."""
    if os.environ.get("FORUM_TEST_DATABASE_URL"):
        pytest.skip("browser tests run in the SQLite pass only, to keep CI short")
    reason = _why_no_browser()
    if reason and REQUIRE_BROWSER:
        pytest.fail(f"HEARTH_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    if reason:
        pytest.skip(reason)
    return CHROMIUM


@dataclass
class LiveForum:
    """The forum served on a free port, and its app for seeding data in an app context."""

    app: Flask
    url: str

    @contextmanager
    def seeding(self) -> Iterator[None]:
        """Run factories against the live database, as an admin's script would."""
        with self.app.app_context():
            yield


def _settings(folder: Path) -> dict:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(folder / "instance"),
        "SECRET_KEY": "browser-tests-only",
        "DATABASE_URL": f"sqlite:///{folder / 'hearth.db'}",
        "SEARCH_INDEX_DIR": str(folder / "search-index"),
        # Real forms carry real tokens.
        "WTF_CSRF_ENABLED": True,
        # A cheap hash keeps sign-ins fast; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # Seeded members post at once; the pre-moderation journey turns it on for itself.
        "TRUST_NEW_POSTS_WAIT": False,
        # The journeys sign in and post many times a minute.
        "RATE_LIMITS_ENABLED": False,
    }


@pytest.fixture(scope="session")
def live_forum(chromium_path, tmp_path_factory) -> Iterator[LiveForum]:
    """The real app on a temporary SQLite file and search index, served from a thread."""
    app = create_app(_settings(tmp_path_factory.mktemp("live-forum")))
    with app.app_context():
        db.create_all()
        ensure_default_boards()
        db.session.commit()
        make_user(MODERATOR, role=Role.MODERATOR)
    # The request log line per hit would be written from server threads after pytest has
    # closed the captured stream it points at; errors still reach the log.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-forum", daemon=True)
    thread.start()
    try:
        yield LiveForum(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the session; every test gets fresh contexts of it."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, timeout=30_000
        )
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def javascript() -> bool:
    """Browser contexts run JavaScript unless a test parametrizes this to False."""
    return True


@pytest.fixture
def open_page(browser, live_forum, javascript):
    """Open a page in a new browser context: one person, with their own cookies."""
    contexts = []
    problems: list[str] = []

    def on_console(message) -> None:
        # A CSP refusal is logged here. Missing resources are judged by their response below,
        # since Chromium asks for /favicon.ico, which Hearth does not have.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response) -> None:
        if response.status >= 500 or (response.status == 404 and "/static/" in response.url):
            problems.append(f"{response.status} {response.url}")

    def opener(**options):
        options.setdefault("java_script_enabled", javascript)
        context = browser.new_context(base_url=live_forum.url, **options)
        context.set_default_timeout(WAIT_MS)
        context.on("console", on_console)
        context.on("response", on_response)
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()
    assert not problems, f"the browser met errors: {problems}"


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def premoderation(live_forum):
    """Newcomers' first post waits for a moderator during this test only."""
    live_forum.app.config["TRUST_NEW_POSTS_WAIT"] = True
    yield
    live_forum.app.config["TRUST_NEW_POSTS_WAIT"] = False
