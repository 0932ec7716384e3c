"""Pages run the same number of SQL queries however many posts or threads they show."""

import pytest
import sqlalchemy as sa

from forum.boards import queries
from forum.extensions import db
from tests.conftest import POSTGRES_URL
from tests.factories import make_board, make_post, make_thread, make_user


def _queries_for(client, count_queries, path) -> int:
    with count_queries() as counted:
        response = client.get(path)
    assert response.status_code == 200
    return counted.count


def test_the_thread_page_does_not_grow_with_posts_shown(client, auth, count_queries):
    auth.login(make_user())
    thread = make_thread()
    parent = make_post(thread=thread)
    make_post(thread=thread, parent=parent)
    few = _queries_for(client, count_queries, f"/t/{thread.id}")
    for _ in range(20):
        make_post(thread=thread, author=make_user(), parent=parent)
    many = _queries_for(client, count_queries, f"/t/{thread.id}")
    assert few == many
    # The member, the thread, its page of posts (the page's ids from the index, then their
    # rows, with answered posts and replies, and the page count), the member's visit (read,
    # and with new posts to mark, one upsert), their bookmarks, the day counts shown, the
    # reactions, whom they muted or blocked (read once, whatever the number of posts), and
    # the unread notices.
    assert many <= 14


def test_the_board_page_does_not_grow_with_threads_shown(client, count_queries):
    board = make_board("Stories", "stories")
    make_thread(board=board)
    few = _queries_for(client, count_queries, "/b/stories")
    for _ in range(20):
        make_thread(board=board, author=make_user())
    many = _queries_for(client, count_queries, "/b/stories")
    assert few == many
    assert many <= 5


def test_the_index_does_not_grow_with_boards_shown(client, count_queries):
    make_thread(board=make_board())
    few = _queries_for(client, count_queries, "/")
    for _ in range(6):
        make_thread(board=make_board())
    many = _queries_for(client, count_queries, "/")
    assert few == many
    assert many <= 4


def test_reading_a_page_never_writes(client, count_queries):
    thread = make_thread()
    make_post(thread=thread)
    for path in ("/", f"/b/{thread.board.slug}", f"/t/{thread.id}"):
        with count_queries() as counted:
            client.get(path)
        writes = [
            s for s in counted.statements if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
        ]
        assert writes == []


def _writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def test_a_member_reading_again_what_they_read_writes_nothing(client, auth, count_queries):
    """How far a member read is written when it moves: new posts, or the first look after
    catching up (their "New" marks then go); a look at the same page again writes nothing."""
    auth.login(make_user())
    thread = make_thread()
    make_post(thread=thread)
    path = f"/t/{thread.id}"
    with count_queries() as first:
        client.get(path)
    assert _writes(first.statements)
    make_post(thread=thread, body="Something new to read.")
    with count_queries() as new:
        page = client.get(path).get_data(as_text=True)
    assert _writes(new.statements) and 'badge-new">New<' in page
    with count_queries() as caught_up:
        page = client.get(path).get_data(as_text=True)
    assert _writes(caught_up.statements) and 'badge-new">New<' not in page
    for _ in range(2):
        with count_queries() as again:
            page = client.get(path).get_data(as_text=True)
        assert _writes(again.statements) == []
        assert "Something new to read." in page and 'badge-new">New<' not in page


def test_the_last_page_of_a_long_thread_costs_what_the_first_does(app, client, count_queries):
    """Deep pages run the same queries as the first one, and show the thread's last posts."""
    app.config["PAGE_CACHE_SIZE"] = 0
    thread = make_thread()
    author = make_user()
    for n in range(60):
        make_post(thread=thread, author=author, body=f"Reply number {n}.")
    first = _queries_for(client, count_queries, f"/t/{thread.id}")
    last = _queries_for(client, count_queries, f"/t/{thread.id}?page=3")
    assert first == last
    page = client.get(f"/t/{thread.id}?page=3").get_data(as_text=True)
    assert "Reply number 59." in page and "Reply number 48." not in page


@pytest.mark.skipif(bool(POSTGRES_URL), reason="reads SQLite's query plan")
def test_a_thread_page_finds_its_posts_in_the_index_alone(app):
    """The ids of a page (and their count) come from the thread-order index, not the rows."""
    thread = make_thread()
    stmt = queries.thread_posts(None, thread, 1)._query_args["select"]
    compiled = stmt.compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(
        row[-1] for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}"))
    )
    assert "COVERING INDEX ix_posts_thread_order" in plan
