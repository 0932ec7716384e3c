"""Templates speak the reader's language: no sentence in a finished template escapes marking."""

from pathlib import Path

import pytest

from tests.i18n.scan import unmarked_text

TEMPLATES = Path(__file__).resolve().parents[2] / "forum" / "templates"

# Every template on disk: a new one is scanned as soon as it exists.
TEMPLATE_NAMES = sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html"))


def _source(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def test_the_scan_sees_every_folder_of_templates():
    """The scan reads the templates of every feature, not an empty or partial list."""
    folders = {name.split("/")[0] for name in TEMPLATE_NAMES if "/" in name}
    assert {"boards", "moderation", "recovery", "conversations", "accounts"} <= folders
    assert len(TEMPLATE_NAMES) > 90


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_no_template_has_an_unmarked_sentence(app, name):
    """Every sentence a reader sees on every page reaches them in their own language."""
    assert unmarked_text(app.jinja_env, _source(name)) == []


def test_the_scan_finds_an_unmarked_sentence():
    """The scan itself: text, a spoken attribute and a quoted sentence are caught; marked
    text, the forum's name and markup are not."""
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n"])
    source = (
        '<p title="Leaves now">Hello there</p>{{ _("Fine") }}{% trans %}Fine too{% endtrans %}'
        "<a href=\"{{ url_for('x') }}\" class=\"button\">Hearth</a>{{ 'Not marked' if x }}"
        "{{ pagination(p, _('Marked words'), 'Left out') }}"
    )
    assert unmarked_text(env, source) == ["Leaves now", "Hello there", "'Not marked'", "'Left out'"]
