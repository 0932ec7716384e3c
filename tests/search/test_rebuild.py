"""Rebuilding the index from the database, in one process or several, finds every post."""

import pytest

from forum.search import maintenance
from forum.search.engine.whoosh.schema import ANALYZER, spans_of, word_positions
from tests.factories import make_post, make_thread
from tests.search.conftest import found, search_page


@pytest.mark.parametrize(
    "text",
    [
        "The first week was the hardest; one day at a time.",
        "It's 3.14 e.g. x_y, a naïve café in İstanbul: I-95, A a I.",
        "  ",
        "the a an of",
    ],
)
def test_indexing_reads_words_as_searching_does(text):
    """The words and positions indexed, and those highlighted, are the ones searched for."""
    expected: dict[str, list[int]] = {}
    for token in ANALYZER(text, positions=True):
        expected.setdefault(token.text, []).append(token.pos)
    assert word_positions(text) == expected
    # Highlighting finds the same words where the text holds them.
    marked = [(t.startchar, t.endchar) for t in ANALYZER(text, chars=True) if t.text in expected]
    assert spans_of(text, set(expected)) == marked


def test_a_rebuild_in_several_processes_finds_every_post_newest_first(app):
    """After a rebuild split over two processes, every post is found, the newest first."""
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("only the Whoosh engine writes in several processes")
    thread = make_thread(title="Otters", body="An otter by the bridge.")
    posts = [make_post(thread=thread, body=f"Otter sighting {n}.") for n in range(9)]
    assert maintenance.rebuild(app, processes=2) == 10
    assert len(found(q="otter")) == 10
    newest = found(q="otter sighting", sort="newest")
    assert newest == [p.id for p in reversed(posts)]
    assert found(q='"otter sighting"')[0] in {p.id for p in posts}
    assert search_page(q="otter").total == 10


def test_rebuild_command_can_use_several_processes(app, runner):
    """`search rebuild --processes 2` indexes every post and says how many."""
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("only the Whoosh engine writes in several processes")
    thread = make_thread(title="Cormorants", body="A cormorant drying its wings.")
    make_post(thread=thread, body="Two cormorants today.")
    result = runner.invoke(args=["search", "rebuild", "--processes", "2"])
    assert result.exit_code == 0 and "Indexed 2 posts." in result.output
    assert len(found(q="cormorant")) == 2
