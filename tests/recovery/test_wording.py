"""No streak-shaming words anywhere a member reads about their counters."""

import re
from datetime import timedelta
from pathlib import Path

import pytest

import forum
from forum.recovery.models import local_today
from tests.factories import make_user
from tests.recovery.helpers import make_counter

SHAMING = (
    "fail",  # failed, failure
    "lost your streak",
    "lose your streak",
    "broke your streak",
    "broken streak",
    "streak broken",
    "back to zero",
    "back to day",
    "day 0",
    "from scratch",
    "start over",
    "reset",
    "relapse counter",
    "relapsed",
    "ruined",
    "wasted",
    "shame",
    "weak",
    "gave in",
    "gave up",
)
ROOT = Path(forum.__file__).parent
SOURCES = sorted(
    [
        *ROOT.joinpath("recovery").rglob("*.py"),
        *ROOT.joinpath("templates", "recovery").rglob("*.html"),
    ]
)


def _shaming_words_in(text: str) -> list[str]:
    text = text.lower()
    return [word for word in SHAMING if re.search(rf"\b{re.escape(word)}", text)]


def test_the_recovery_sources_are_all_scanned():
    """The scan covers every template and module of the feature."""
    names = {path.name for path in SOURCES}
    assert {"after_slip.html", "slip.html", "home.html", "services.py", "views.py"} <= names
    assert {"models.py", "write.html"} <= names  # the journal too


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_no_streak_shaming_words_in_templates_or_messages(path):
    """Templates, flash messages and errors speak of slips without blame."""
    assert _shaming_words_in(path.read_text(encoding="utf-8")) == []


def test_no_streak_shaming_words_on_the_pages_around_a_slip(client, auth):
    """The pages a member sees before and after a slip carry none of those words."""
    member = make_user()
    counter = make_counter(member, local_today("UTC") - timedelta(days=40), show=True)
    auth.login(member)
    pages = [client.get("/me"), client.get(f"/me/counters/{counter.id}/slip")]
    pages.append(client.get(client.post(f"/me/counters/{counter.id}/slip").headers["Location"]))
    pages.append(client.get("/me"))
    for response in pages:
        assert response.status_code == 200
        assert _shaming_words_in(response.get_data(as_text=True)) == []
