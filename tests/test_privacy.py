"""Privacy by construction: no IP addresses stored, nothing loaded from another host."""

import re
from pathlib import Path

from forum.extensions import db
from tests.factories import make_user

TEMPLATES = Path(__file__).resolve().parent.parent / "forum" / "templates"
STATIC = Path(__file__).resolve().parent.parent / "forum" / "static"


def test_no_table_has_a_column_for_ip_addresses(app):
    columns = [f"{t.name}.{c.name}" for t in db.metadata.sorted_tables for c in t.columns]
    assert not [c for c in columns if re.search(r"(^|_|\.)ip(_|$)|address", c)]


def test_no_page_or_stylesheet_loads_anything_from_another_host():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
    offenders = [
        str(path.relative_to(TEMPLATES.parent))
        for folder in (TEMPLATES, STATIC)
        for path in folder.rglob("*")
        if path.is_file() and pattern.search(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert offenders == []
    css = "\n".join(p.read_text() for p in STATIC.rglob("*.css"))
    assert "@import" not in css and "url(http" not in css


def test_pages_ask_browsers_not_to_send_a_referrer(client):
    response = client.get("/")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert '<meta name="referrer" content="no-referrer">' in response.get_data(as_text=True)


# --- leaving quickly, and pages no cache keeps ---------------------------------------------


def _quick_exit(page: str) -> str | None:
    found = re.search(r'<a class="quick-exit" href="([^"]+)" rel="noreferrer noopener"', page)
    return found.group(1) if found else None


def test_every_page_has_a_leave_quickly_link_to_a_neutral_site(app, client, auth):
    """Signed out, signed in, and on an error page: "Leave quickly" is there, goes to the
    configured neutral page without a referrer, and its script is Hearth's own."""
    neutral = app.config["QUICK_EXIT_URL"]
    for path in ("/", "/help", "/signin", "/no-such-page"):
        page = client.get(path).get_data(as_text=True)
        assert _quick_exit(page) == neutral, path
        assert '<script src="/static/js/quick-exit.js" defer></script>' in page
    auth.login(make_user("careful-reader"))
    for path in ("/me", "/settings", "/messages/"):
        assert _quick_exit(client.get(path).get_data(as_text=True)) == neutral, path


def test_private_pages_are_never_stored_and_public_ones_may_be(app, client, auth):
    auth.login(make_user("shared-computer"))
    for path in ("/me", "/settings", "/settings/password", "/messages/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    assert client.get("/").headers.get("Cache-Control") != "no-store"
