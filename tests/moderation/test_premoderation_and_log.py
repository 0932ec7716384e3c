"""A new member's posts wait for a moderator; every action stays in an append-only log."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.following.models import ThreadState
from forum.moderation import log, services
from forum.moderation.models import ItemKind, ModAction, TargetType
from forum.notices.models import Notice
from forum.permissions import Role
from forum.posts.models import Post, PostStatus, Thread, ThreadStatus
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from tests.factories import make_board, make_thread, make_user, opening_post
from tests.moderation.helpers import item_for


@pytest.fixture
def premoderation(app):
    app.config["TRUST_NEW_POSTS_WAIT"] = True


def test_a_newcomers_first_thread_waits_for_a_moderator(client, auth, premoderation):
    board = make_board("Introductions", "introductions")
    newcomer = make_user("new-here")
    auth.login(newcomer)
    response = client.post(
        "/b/introductions/new", data={"title": "Hello, day three", "body": "I'm scared but here."}
    )
    assert response.status_code == 302
    thread = db.session.scalar(sa.select(Thread))
    assert thread.status == ThreadStatus.PENDING
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "waiting for a moderator" in page.lower()
    auth.logout()
    assert "Hello, day three" not in client.get("/b/introductions").get_data(as_text=True)
    assert client.get(f"/t/{thread.id}").status_code == 404
    db.session.refresh(board)
    assert (board.thread_count, board.post_count) == (0, 0)
    post = db.session.scalar(sa.select(Post))
    assert item_for(post).kind == ItemKind.PENDING


def test_approving_makes_it_public_and_tells_the_author(client, auth, premoderation):
    board = make_board("Introductions", "introductions")
    newcomer = make_user()
    thread = make_thread(author=newcomer, board=board, title="Hello all")
    post = db.session.scalar(sa.select(Post).where(Post.thread_id == thread.id))
    moderator = make_user(role=Role.MODERATOR)
    auth.login(moderator)
    page = client.get("/mod/queue").get_data(as_text=True)
    assert "Waiting for approval" in page
    response = client.post(
        f"/mod/items/{item_for(post).id}/decide", data={"verb": "approve", "reason": ""}
    )
    assert response.status_code == 302
    auth.logout()
    assert "Hello all" in client.get("/b/introductions").get_data(as_text=True)
    db.session.refresh(board)
    assert (board.thread_count, board.post_count) == (1, 1)
    assert "approved" in db.session.scalar(
        sa.select(Notice.title).where(Notice.user_id == newcomer.id)
    )


def test_rejecting_says_why_and_keeps_it_out_of_sight(client, auth, premoderation):
    newcomer = make_user()
    thread = make_thread(author=newcomer, title="Buy cheap pills")
    post = db.session.scalar(sa.select(Post).where(Post.thread_id == thread.id))
    services.decide(
        make_user(role=Role.MODERATOR), item_for(post), "reject", "Advertising is not allowed"
    )
    db.session.commit()
    db.session.refresh(thread)
    assert thread.status == ThreadStatus.REMOVED and post.status == PostStatus.REJECTED
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == newcomer.id))
    assert notice.body == "Advertising is not allowed"


def test_a_new_members_posts_wait_until_they_earn_the_member_level(app, premoderation):
    """Days here and threads read are not enough on their own: once a moderator approves
    their post, a new member who has them is a member at once, and posts freely."""
    newcomer = make_user(created_at=utcnow() - timedelta(days=app.config["TRUST_MEMBER_DAYS"]))
    moderator = make_user(role=Role.MODERATOR)
    board = make_board()
    for _ in range(app.config["TRUST_MEMBER_THREADS_READ"]):
        read = make_thread(title="Someone else's story")
        db.session.add(
            ThreadState(
                user_id=newcomer.id, thread_id=read.id, last_seen_post_id=opening_post(read).id
            )
        )
    db.session.commit()
    first = make_thread(author=newcomer, board=board)
    assert first.status == ThreadStatus.PENDING
    services.decide(moderator, item_for(opening_post(first)), "approve", "")
    db.session.commit()
    assert newcomer.trust_level == TrustLevel.MEMBER
    second = make_thread(author=newcomer, board=board)
    assert second.status == ThreadStatus.VISIBLE


def test_a_member_who_earned_more_than_new_is_never_held(premoderation):
    thread = make_thread(author=make_user(trust_level=TrustLevel.MEMBER))
    assert thread.status == ThreadStatus.VISIBLE


def test_moderators_posts_are_never_held(premoderation):
    thread = make_thread(author=make_user(role=Role.MODERATOR))
    assert thread.status == ThreadStatus.VISIBLE


def test_the_log_refuses_updates_and_deletes_at_the_database(app):
    log.record(make_user(role=Role.MODERATOR).id, "warn", TargetType.MEMBER, 1, "reason")
    db.session.commit()
    for statement in (
        sa.update(ModAction).values(reason="rewritten history"),
        sa.delete(ModAction),
    ):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            db.session.execute(statement)
        db.session.rollback()
    action = db.session.scalar(sa.select(ModAction))
    action.reason = "changed through the ORM"
    with pytest.raises(sa.exc.DatabaseError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(sa.select(ModAction.reason)) == "reason"


def test_no_code_path_updates_or_deletes_log_rows():
    """The code never names the log in an UPDATE or DELETE."""
    import pathlib
    import re

    source = "\n".join(p.read_text() for p in pathlib.Path("forum").rglob("*.py"))
    assert not re.search(r"sa\.(update|delete)\(ModAction", source)
    assert "session.delete(action" not in source


def test_the_log_page_filters_by_moderator_verb_and_target(client, auth):
    first = make_user("first-mod", role=Role.MODERATOR)
    second = make_user("second-mod", role=Role.MODERATOR)
    log.record(first.id, "warn", TargetType.MEMBER, 7, "first reason")
    log.record(second.id, "lock", TargetType.THREAD, 9, "second reason")
    db.session.commit()
    auth.login(first)
    page = client.get("/mod/log").get_data(as_text=True)
    assert "first reason" in page and "second reason" in page
    assert "second reason" not in client.get("/mod/log?moderator=first-mod").get_data(as_text=True)
    assert "first reason" not in client.get("/mod/log?verb=lock").get_data(as_text=True)
    assert "second reason" not in client.get("/mod/log?target=member&target_id=7").get_data(
        as_text=True
    )


def test_the_transparency_page_counts_actions_without_names_or_text(client):
    moderator = make_user("quiet-mod", role=Role.MODERATOR)
    for verb in ("hide", "hide", "warn"):
        log.record(moderator.id, verb, TargetType.POST, 1, "secret reason text")
    db.session.commit()
    page = client.get("/transparency").get_data(as_text=True)
    assert "Hide post: <strong>2</strong>" in page
    assert "Warn member: <strong>1</strong>" in page
    assert "quiet-mod" not in page and "secret reason text" not in page
