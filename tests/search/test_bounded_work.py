"""No search can make a worker spin: what one query costs is bounded, whatever is typed."""

from unittest import mock

from werkzeug.datastructures import MultiDict

from forum.search import queries
from forum.search.engine import engine_for
from forum.search.parse import MAX_TERMS, parse
from tests.factories import make_post
from tests.search.conftest import search_page


def test_a_long_run_of_short_unknown_words_tries_only_a_few_respellings(app):
    """67 x "ab" once ran the corrector and three re-searches for every word (30 s)."""
    make_post(body="Cravings at night are the hardest part of the week.")
    engine = type(engine_for())
    with (
        mock.patch.object(engine, "suggest", autospec=True, return_value=["abc", "abd"]) as asked,
        mock.patch.object(queries, "search", wraps=queries.search) as searched,
    ):
        page = search_page(q=" ".join(["ab"] * 67 + [f"zq{i}x" for i in range(40)]))
    assert page.results == []
    assert asked.call_count <= queries.SUGGEST_WORDS
    assert searched.call_count <= 1 + queries.SUGGEST_SEARCHES


def test_repeated_words_count_once_and_only_the_first_terms_are_searched():
    query = parse(MultiDict({"q": " ".join(["sleep"] * 10 + [f"w{i}" for i in range(20)])}))
    assert query.words[0] == "sleep" and query.words.count("sleep") == 1
    assert len(query.words) + len(query.phrases) + len(query.excluded) <= MAX_TERMS
    assert query.too_many_words


def test_a_search_of_a_few_words_is_read_whole():
    query = parse(MultiDict({"q": 'cravings at night "first week" -drinking'}))
    assert query.words == ["cravings", "at", "night"]
    assert query.phrases == [["first", "week"]] and query.excluded == ["drinking"]
    assert not query.too_many_words


def test_the_page_says_when_only_the_first_words_were_used(app):
    page = app.test_client().get(
        "/search", query_string={"q": " ".join(f"w{i}" for i in range(20))}
    )
    assert f"only the first {MAX_TERMS} were used" in page.get_data(as_text=True)
