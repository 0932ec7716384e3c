"""The search page: what a person sees, and that no query can break it."""

import pytest

from forum.extensions import db
from forum.permissions import Role
from tests.factories import make_board, make_post, make_thread, make_user


def test_every_page_has_a_search_box(client):
    """The header of every page offers a search box."""
    assert b'action="/search"' in client.get("/").data


def test_results_show_title_board_author_and_a_marked_snippet(app, client):
    """A result names its thread, board and author, and marks the words found."""
    board = make_board("Night Owls", "night-owls")
    author = make_user("steady-hands")
    thread = make_thread(author=author, board=board, title="Sleepless nights")
    post = make_post(thread=thread, author=author, body="The <b>shakes</b> came back at night.")
    page = client.get("/search?q=shakes").get_data(as_text=True)
    assert "Sleepless nights" in page and "Night Owls" in page and "steady-hands" in page
    assert f'href="/p/{post.id}"' in page
    assert "<mark>shakes</mark>" in page and "<b>" not in page


@pytest.mark.parametrize(
    "q",
    ['"unbalanced', "-", "@", "board:", "AND OR", "x" * 5000, "a\x00b\x1fc", "((()))", "*:*", "'"],
)
def test_malformed_queries_never_fail(client, q):
    """Odd input is read as plain words: the page answers, never a 500."""
    assert client.get("/search", query_string={"q": q}).status_code == 200


def test_a_long_query_is_cut_with_a_note(client):
    """Past 200 characters, the search says it used only the start."""
    page = client.get("/search", query_string={"q": "word " * 100}).get_data(as_text=True)
    assert "only its first 200 characters" in page


def test_no_results_offers_a_spelling_recent_stories_and_introductions(app, client):
    """Finding nothing suggests a respelling, recent stories and the Introductions board."""
    make_board("Introductions", "introductions")
    make_thread(title="Gardening helps", body="Tomatoes and patience every morning.")
    page = client.get("/search?q=tomatoez").get_data(as_text=True)
    assert "Nothing found" in page
    if app.config["SEARCH_BACKEND"] == "whoosh":
        assert "Did you mean" in page and "tomatoes" in page
    assert "Gardening helps" in page
    assert "Say hello in Introductions" in page


def test_twenty_results_a_page(app, client):
    """Results come twenty to a page, with a link to the next."""
    thread = make_thread(body="Opening words.")
    for n in range(25):
        make_post(thread=thread, body=f"Gratitude list number {n}.")
    first = client.get("/search?q=gratitude&sort=newest").get_data(as_text=True)
    assert first.count('class="search-result"') == 20
    assert "25 posts found" in first and 'rel="next"' in first
    second = client.get("/search?q=gratitude&sort=newest&page=2").get_data(as_text=True)
    assert second.count('class="search-result"') == 5


def test_filters_narrow_the_results(app, client):
    """Board, author, kind and dates typed in the box narrow what is found."""
    stories = make_board("Stories", "stories")
    mine = make_user("river-stone")
    story = make_thread(author=mine, board=stories, title="Walking", body="Walking every day.")
    make_post(thread=story, body="Walking helped me too.")
    assert "1 post found" in client.get("/search?q=walking @river-stone").get_data(as_text=True)
    board_page = client.get("/search?q=walking board:stories").get_data(as_text=True)
    assert "2 posts found" in board_page
    assert "1 post found" in client.get("/search?q=walking kind:story board:stories").get_data(
        as_text=True
    )
    assert "Nothing found" in client.get("/search?q=walking before:2000-01-01").get_data(
        as_text=True
    )
    assert "Nothing found" in client.get("/search?q=walking -walking").get_data(as_text=True)
    assert "1 post found" in client.get('/search?q="walking every"').get_data(as_text=True)


def test_only_moderators_see_the_include_hidden_box(app, client, auth):
    """The "include hidden" checkbox is offered to moderators alone."""
    assert "Include hidden posts" not in client.get("/search?q=x").get_data(as_text=True)
    auth.login(make_user(role=Role.MODERATOR))
    assert "Include hidden posts" in client.get("/search?q=x").get_data(as_text=True)
    db.session.commit()
