"""Pages run the same number of SQL queries however many posts or threads they show."""

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
    # The member, the thread, its page of posts (with answered posts and replies, and the
    # page count), the member's visit (one upsert), their bookmarks, the day counts shown,
    # the reactions, and the unread notices in the header.
    assert many <= 11


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
