"""A search that matches a great many posts says "more than" rather than counting them all."""

import pytest

from forum.search.engine import postgres, whoosh
from forum.search.engine.whoosh import ranking
from tests.factories import make_post, make_thread
from tests.search.conftest import search_page


@pytest.fixture
def cap_of_five(monkeypatch):
    for module in (whoosh, ranking, postgres):
        monkeypatch.setattr(module, "TOTAL_CAP", 5)


@pytest.mark.parametrize("q", ["gratitude", '"gratitude list"'])
def test_past_the_cap_the_count_says_more_than(app, client, cap_of_five, q):
    """Eight matches, counted no further than five, read "more than"; every match still shows."""
    thread = make_thread(body="Opening words.")
    for n in range(8):
        make_post(thread=thread, body=f"Gratitude list number {n}.")
    page = search_page(q=q)
    # The page holds eight, so "more than" the eight it shows.
    assert str(page.total) == "more than 8" and len(page.results) == 8
    assert page.pages == 2  # one more than counted, so that Next still shows
    assert "more than 8 posts found" in client.get("/search", query_string={"q": q}).get_data(
        as_text=True
    )


def test_under_the_cap_the_count_is_exact(app, cap_of_five):
    """Four matches are counted exactly."""
    thread = make_thread(body="Opening words.")
    for n in range(3):
        make_post(thread=thread, body=f"Gratitude list number {n}.")
    make_post(thread=thread, body="Something else.")
    page = search_page(q='"gratitude list"')
    assert page.total == 3 and str(page.total) == "3" and page.pages == 1


def test_an_old_match_is_found_past_the_newest_posts(app, monkeypatch):
    """A word only an old post holds is still found when the newest posts are read first."""
    monkeypatch.setattr(postgres, "WINDOW", 2)
    old = make_post(body="The kingfisher came back.")
    thread = make_thread(body="Newer words.")
    for n in range(4):
        make_post(thread=thread, body=f"Newer post {n}.")
    page = search_page(q="kingfisher")
    assert [r.post.id for r in page.results] == [old.id] and page.total == 1
    assert len(search_page(q="newer").results) == 5
