"""A member's own settings: password change, data export and deleting the account."""

import json

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Post, PostRevision, PostStatus, Thread, ThreadStatus
from tests.factories import PASSWORD, make_board, make_post, make_thread, make_user, opening_post

NEW = "a brand new long passphrase"


def test_changing_the_password_signs_out_other_devices_but_not_this_one(app, auth):
    user = make_user("quiet-river")
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        device.post(
            "/signin", data={"pseudonym": "quiet-river", "password": PASSWORD, "remember": "y"}
        )
    response = laptop.post(
        "/settings/password",
        data={"current_password": PASSWORD, "new_password": NEW, "confirm": NEW},
    )
    assert response.status_code == 302
    assert laptop.get("/settings").status_code == 200
    # The phone's session cookie and its remember-me cookie both stopped working.
    assert phone.get("/settings").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash != ""
    fresh = app.test_client()
    assert (
        fresh.post("/signin", data={"pseudonym": "quiet-river", "password": NEW}).status_code == 302
    )


def test_a_wrong_current_password_changes_nothing(client, auth):
    user = make_user()
    auth.login(user)
    old_hash = user.password_hash
    response = client.post(
        "/settings/password",
        data={"current_password": "not it at all", "new_password": NEW, "confirm": NEW},
    )
    assert response.status_code == 400
    assert "not your current password" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == old_hash


def test_a_member_downloads_their_data_as_json(client, auth):
    user = make_user("quiet-river", email="me@example.org")
    thread = make_thread(author=user, title="My first week")
    other = make_post(thread=thread, body="Welcome, friend.")
    mine = make_post(thread=thread, author=user, body="Thank you all", parent=other)
    hidden = make_post(thread=thread, author=user, body="Hidden words", status=PostStatus.HIDDEN)
    auth.login(user)
    response = client.post("/settings/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["profile"]["pseudonym"] == "quiet-river"
    assert data["profile"]["email"] == "me@example.org"
    bodies = {p["id"]: p for p in data["posts"]}
    assert set(bodies) == {opening_post(thread).id, mine.id, hidden.id}
    assert bodies[mine.id]["in_reply_to"] == other.id
    assert bodies[hidden.id]["status"] == "hidden"
    assert "Welcome, friend." not in response.get_data(as_text=True)


def test_export_is_a_post_so_no_other_site_can_start_it(client, auth):
    auth.login(make_user())
    assert client.get("/settings/export").status_code == 405


def _delete(client, mode, password=PASSWORD, confirm="y"):
    return client.post(
        "/settings/delete", data={"mode": mode, "password": password, "confirm": confirm}
    )


def test_deleting_the_account_keeping_posts_shows_them_by_a_former_member(client, auth):
    user = make_user("quiet-river")
    thread = make_thread(author=user, title="Ninety days and counting")
    reply = make_post(thread=thread, author=user, body="Still here, still grateful")
    user_id = user.id
    auth.login(user)
    response = _delete(client, "detach")
    assert response.status_code == 302
    assert db.session.get(User, user_id) is None
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Ninety days and counting" in page
    assert "Still here, still grateful" in page
    assert "a former member" in page
    assert "quiet-river" not in page
    db.session.expire_all()
    assert db.session.get(Post, reply.id).author_id is None
    assert client.get("/u/quiet-river").status_code == 404
    assert client.get("/settings").status_code == 302


def test_deleting_the_account_with_posts_leaves_nothing_of_theirs(client, auth):
    user = make_user("quiet-river")
    other = make_user("kind-stranger")
    own_thread = make_thread(author=user, title="Secret title words", body="My own story, alone")
    shared = make_thread(author=user, title="Asking for help tonight", body="Opening words of mine")
    answer = make_post(thread=shared, author=other, body="Hang in there, you can do this")
    mine = make_post(thread=shared, author=user, body="Thanks, this helps", parent=answer)
    elsewhere = make_thread(author=other, title="Other member's thread")
    make_post(thread=elsewhere, author=user, body="My reply somewhere else")
    user_id = user.id
    auth.login(user)
    client.post(f"/p/{mine.id}/edit", data={"body": "Thanks, this helps a lot"})
    response = _delete(client, "remove")
    assert response.status_code == 302
    assert db.session.get(User, user_id) is None
    texts = " ".join(
        f"{p.body_source} {p.body_html}" for p in db.session.scalars(sa.select(Post))
    ) + " ".join(t.title for t in db.session.scalars(sa.select(Thread)))
    for words in (
        "My own story",
        "Opening words",
        "Thanks, this helps",
        "My reply somewhere",
        "Secret title",
        "Asking for help",
    ):
        assert words not in texts
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PostRevision)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).where(Post.author_id == user_id)) == 0
    # Others' words stay, and the thread they answered keeps its shape.
    page = client.get(f"/t/{shared.id}").get_data(as_text=True)
    assert "Hang in there, you can do this" in page
    assert "deleted by its author" in page
    # A thread with nothing but their words is gone from view.
    assert db.session.get(Thread, own_thread.id).status == ThreadStatus.DELETED
    assert client.get(f"/t/{own_thread.id}").status_code == 404
    board_page = client.get(f"/b/{own_thread.board.slug}").get_data(as_text=True)
    assert "Secret title" not in board_page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"password": "wrong password"}, "not your password"),
        ({"confirm": ""}, "Please tick this to confirm."),
        ({"mode": ""}, "Please choose what happens to your posts."),
    ],
)
def test_account_deletion_needs_the_password_a_choice_and_a_tick(client, auth, fields, message):
    user = make_user()
    auth.login(user)
    data = {"mode": "detach", "password": PASSWORD, "confirm": "y"}
    data.update(fields)
    response = client.post("/settings/delete", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.get(User, user.id) is not None


def test_board_counts_drop_when_a_member_leaves_with_their_posts(client, auth):
    user = make_user()
    board = make_board()
    make_thread(author=user, board=board)
    auth.login(user)
    _delete(client, "remove")
    db.session.expire_all()
    board = db.session.merge(board)
    db.session.refresh(board)
    assert (board.thread_count, board.post_count) == (0, 0)


def test_the_export_holds_reports_counters_reactions_bookmarks_and_notices(client, auth):
    """Everything Hearth keeps about the member is in the download, and nothing of others'."""
    from datetime import date

    from forum.following.models import Bookmark
    from forum.moderation.models import Reason
    from forum.moderation.reports import report_post
    from forum.reactions.services import toggle_reaction
    from forum.recovery.services import add_counter

    member = make_user("quiet-river")
    other_post = make_post(body="someone else's words")
    report_post(member, other_post, Reason.SPAM, "looks like an advert")
    add_counter(member, "alcohol", date(2025, 1, 1), "Europe/London", today=date(2025, 3, 1))
    toggle_reaction(member, other_post, "hear_you")
    db.session.add(Bookmark(user_id=member.id, post_id=other_post.id))
    db.session.commit()
    auth.login(member)
    data = json.loads(client.post("/settings/export").data)
    assert data["reports_made"][0]["note"] == "looks like an advert"
    assert data["counters"][0]["label"] == "alcohol"
    assert data["reactions_given"][0]["kind"] == "hear_you"
    assert data["bookmarks"] == [other_post.id]
    assert "someone else's words" not in json.dumps(data)
