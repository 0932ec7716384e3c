"""Reading what a person typed: filters, phrases, and malformed input as plain words."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from forum.search.parse import parse


def read(q: str, **params):
    return parse(MultiDict({"q": q, **params}))


@pytest.mark.parametrize(
    ("typed", "words", "phrases", "excluded"),
    [
        ("first week", ["first", "week"], [], []),
        ('"relapse after a year" shakes', ["shakes"], [["relapse", "after", "a", "year"]], []),
        ("cravings -alcohol", ["cravings"], [], ["alcohol"]),
        ('"unbalanced quote', ["unbalanced", "quote"], [], []),
        ("- @ board: kind:", ["board", "kind"], [], []),
        ("AND OR NOT ( ) * :", [], [], []),
        ("before:yesterday", ["before", "yesterday"], [], []),
    ],
)
def test_the_box_reads_words_phrases_and_exclusions(typed, words, phrases, excluded):
    """Typed operators become filters; malformed ones are read as plain words or dropped."""
    query = read(typed)
    assert (query.words, query.phrases, query.excluded) == (words, phrases, excluded)


def test_filters_typed_in_the_box_are_understood():
    """@name, board:, kind:, after: and before: in the box filter the search."""
    query = read(
        "walks @steady-hands board:stories kind:milestone after:2025-01-01 before:2025-06-30"
    )
    assert query.words == ["walks"]
    assert query.author == "steady-hands"
    assert query.board == "stories"
    assert query.kind == "milestone"
    assert query.after == date(2025, 1, 1)
    assert query.before == date(2025, 6, 30)


def test_long_queries_are_cut_and_control_characters_dropped():
    """A 5,000 character query is cut to 200 characters, with no control characters left."""
    query = read("word\x00\x07 " * 1000)
    assert query.truncated
    assert len(query.text) <= 200
    assert "\x00" not in query.text and "\x07" not in query.text


def test_bad_page_and_sort_fall_back_to_defaults():
    """A nonsense page or order gives the first page by relevance."""
    query = read("x", page="-3", sort="random")
    assert (query.page, query.sort) == (1, "relevance")
