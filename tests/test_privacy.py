"""Privacy by construction: no IP addresses stored, nothing loaded from another host."""

import re
from pathlib import Path

from forum.extensions import db

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
