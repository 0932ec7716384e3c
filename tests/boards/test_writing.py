"""Writing: starting threads, replying, editing and deleting one's own posts."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.permissions import Role
from forum.posts.models import Board, Post, PostRevision, PostStatus, Thread, ThreadStatus
from tests.factories import make_board, make_post, make_thread, make_user, opening_post


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_member_starts_a_thread(client, auth):
    board = make_board("Stories", "stories")
    auth.login(make_user("quiet-river"))
    response = client.post(
        "/b/stories/new", data={"title": "  Day one, again  ", "body": "I'm *back*."}
    )
    assert response.status_code == 302
    thread = db.session.scalar(sa.select(Thread))
    assert thread.title == "Day one, again"
    assert response.headers["Location"] == f"/t/{thread.id}/day-one-again"
    post = opening_post(thread)
    assert post.body_source == "I'm *back*." and "<em>back</em>" in post.body_html
    db.session.refresh(board)
    assert (board.thread_count, board.post_count, thread.post_count) == (1, 1, 1)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your thread is posted." in page


def test_visitors_are_sent_to_sign_in_before_writing(client):
    make_board("Stories", "stories")
    response = client.get("/b/stories/new")
    assert response.status_code == 302 and "/signin" in response.headers["Location"]
    assert client.post("/b/stories/new", data={"title": "abc", "body": "x"}).status_code == 302
    assert _count(Thread) == 0


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("", "Some words", "Give your thread a title."),
        ("ab", "Some words", "3 to 150 characters"),
        ("x" * 151, "Some words", "3 to 150 characters"),
        ("A good title", "", "Please write something first."),
        ("A good title", "   \n  ", "Please write something first."),
        ("A good title", "x" * 20_001, "limited to 20,000 characters"),
    ],
)
def test_a_failed_new_thread_explains_and_keeps_what_was_typed(client, auth, title, body, message):
    make_board("Stories", "stories")
    auth.login(make_user())
    response = client.post("/b/stories/new", data={"title": title, "body": body})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    if title.strip():
        assert f'value="{title.strip()}"' in page
    if body.strip():
        assert body.strip()[:100] in page
    assert _count(Thread) == 0


def test_a_member_replies_and_the_counters_and_activity_move(client, auth):
    thread = make_thread()
    before = thread.last_activity_at
    auth.login(make_user())
    response = client.post(f"/t/{thread.id}/reply", data={"body": "You've got this."})
    assert response.status_code == 302
    reply = db.session.scalar(sa.select(Post).where(Post.is_opening.is_(False)))
    assert response.headers["Location"] == f"/p/{reply.id}"
    db.session.refresh(thread)
    assert thread.post_count == 2
    assert thread.board.post_count == 2
    assert thread.last_activity_at >= before


def test_a_reply_can_answer_a_particular_post_from_its_own_page(client, auth):
    thread = make_thread()
    answered = make_post(
        thread=thread, author=make_user("steady-hands"), body="Any tips for the weekend?"
    )
    auth.login(make_user())
    page = client.get(f"/t/{thread.id}/reply?to={answered.id}").get_data(as_text=True)
    assert "In reply to steady-hands" in page and "Any tips for the weekend?" in page
    assert f'value="{answered.id}"' in page
    client.post(
        f"/t/{thread.id}/reply", data={"body": "Plan the evenings.", "parent_id": answered.id}
    )
    reply = db.session.scalar(sa.select(Post).where(Post.body_source == "Plan the evenings."))
    assert reply.parent_id == answered.id


def test_a_reply_cannot_answer_a_post_of_another_thread(client, auth):
    thread, elsewhere = make_thread(), make_thread()
    foreign = opening_post(elsewhere)
    auth.login(make_user())
    client.post(f"/t/{thread.id}/reply", data={"body": "Hello", "parent_id": foreign.id})
    assert db.session.scalar(sa.select(Post).where(Post.body_source == "Hello")).parent_id is None


def test_an_empty_reply_keeps_the_form_and_explains(client, auth):
    thread = make_thread()
    auth.login(make_user())
    response = client.post(f"/t/{thread.id}/reply", data={"body": ""})
    assert response.status_code == 400
    assert "Please write something first." in response.get_data(as_text=True)


def test_a_locked_thread_takes_no_replies_from_members(client, auth):
    thread = make_thread()
    thread.is_locked = True
    db.session.commit()
    auth.login(make_user())
    assert "Write a reply" not in client.get(f"/t/{thread.id}").get_data(as_text=True)
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Let me in"})
    assert response.status_code == 403
    assert _count(Post) == 1


def test_an_archived_board_takes_no_threads_and_is_gone_for_members(client, auth):
    board = make_board("Old board", "old-board", is_archived=True)
    auth.login(make_user())
    assert client.get("/b/old-board").status_code == 404
    assert client.post("/b/old-board/new", data={"title": "abc", "body": "x"}).status_code == 404
    auth.logout()
    auth.login(make_user(role=Role.MODERATOR))
    page = client.get("/b/old-board").get_data(as_text=True)
    assert "archived" in page and "Start a thread" not in page
    assert board.is_archived


def test_the_author_edits_a_post_and_the_history_is_kept(client, auth):
    author = make_user()
    thread = make_thread(author=author, title="First title", body="first version")
    post = opening_post(thread)
    auth.login(author)
    form = client.get(f"/p/{post.id}/edit").get_data(as_text=True)
    assert "first version" in form and 'value="First title"' in form
    response = client.post(
        f"/p/{post.id}/edit", data={"title": "Better title", "body": "second version"}
    )
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.body_source == "second version" and post.edited_at is not None
    assert post.thread.title == "Better title"
    revisions = list(db.session.scalars(sa.select(PostRevision)))
    assert [r.body_source for r in revisions] == ["first version"]
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "edited" in page and "second version" in page
    history = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "first version" in history and "second version" in history


def test_the_history_is_not_for_other_members(client, auth):
    author = make_user()
    post = make_post(author=author, body="v1")
    auth.login(author)
    client.post(f"/p/{post.id}/edit", data={"body": "v2"})
    auth.logout()
    auth.login(make_user())
    assert client.get(f"/p/{post.id}/history").status_code == 403


def test_editing_another_members_post_is_forbidden(client, auth):
    post = make_post(body="not yours")
    auth.login(make_user())
    assert client.get(f"/p/{post.id}/edit").status_code == 403
    assert client.post(f"/p/{post.id}/edit", data={"body": "mine now"}).status_code == 403
    db.session.refresh(post)
    assert post.body_source == "not yours"


def test_a_failed_edit_keeps_what_was_typed(client, auth):
    author = make_user()
    post = make_post(author=author)
    auth.login(author)
    response = client.post(f"/p/{post.id}/edit", data={"body": "y" * 20_001})
    assert response.status_code == 400
    assert "limited to 20,000" in response.get_data(as_text=True)
    assert "y" * 200 in response.get_data(as_text=True)


def test_the_author_deletes_a_reply_and_the_thread_keeps_its_shape(client, auth):
    author = make_user()
    thread = make_thread()
    post = make_post(thread=thread, author=author, body="regretted words")
    after = make_post(thread=thread, body="a later reply")
    auth.login(author)
    assert "Delete this post" in client.get(f"/p/{post.id}/delete").get_data(as_text=True)
    response = client.post(f"/p/{post.id}/delete")
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.status == PostStatus.DELETED
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "deleted by its author" in page and "regretted words" not in page
    assert "a later reply" in page and f'id="p{after.id}"' in page
    db.session.refresh(thread)
    assert thread.post_count == 2


def test_deleting_the_opening_post_keeps_the_replies(client, auth):
    author = make_user()
    thread = make_thread(author=author, body="opening words")
    make_post(thread=thread, body="a reply that stays")
    auth.login(author)
    client.post(f"/p/{opening_post(thread).id}/delete")
    db.session.refresh(thread)
    assert thread.status == ThreadStatus.VISIBLE
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "a reply that stays" in page and "opening words" not in page


def test_deleting_the_only_post_of_a_thread_takes_the_thread_from_the_board(client, auth):
    author = make_user()
    board = make_board("Stories", "stories")
    thread = make_thread(author=author, board=board, title="Alone here")
    auth.login(author)
    response = client.post(f"/p/{opening_post(thread).id}/delete")
    assert response.headers["Location"] == "/b/stories"
    assert "Alone here" not in client.get("/b/stories").get_data(as_text=True)
    board = db.session.get(Board, board.id)
    db.session.refresh(board)
    assert (board.thread_count, board.post_count) == (0, 0)


def test_deleting_another_members_post_is_forbidden(client, auth):
    post = make_post()
    auth.login(make_user())
    assert client.post(f"/p/{post.id}/delete").status_code == 403
    db.session.refresh(post)
    assert post.status == PostStatus.VISIBLE


def test_suspended_members_read_but_cannot_write(client, auth):
    from datetime import timedelta

    from forum.timeutil import utcnow

    board = make_board("Stories", "stories")
    thread = make_thread(board=board)
    member = make_user(suspended_until=utcnow() + timedelta(days=3))
    auth.login(member)
    assert client.get(f"/t/{thread.id}").status_code == 200
    assert client.post("/b/stories/new", data={"title": "abc", "body": "x"}).status_code == 403
    assert client.post(f"/t/{thread.id}/reply", data={"body": "x"}).status_code == 403
