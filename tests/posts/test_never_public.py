"""A post that was never public leaves nothing public behind: a newcomer's post the moderators
rejected, or one its author took back while it waited, has no mark, count, page, link,
notice or search entry anywhere a reader or another member looks."""

import pytest
import sqlalchemy as sa

from forum.accounts.services import DeleteMode, delete_account
from forum.extensions import db
from forum.following.queries import new_counts
from forum.moderation import services
from forum.notices.models import Notice, NoticeKind
from forum.permissions import Anonymous, Role
from forum.posts import lifecycle
from forum.posts.models import Post, PostStatus, Thread, ThreadStatus
from forum.posts.queries import page_of_post, profile_summary
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft
from forum.writing.services import write_reply, write_thread
from tests.factories import PASSWORD, make_board, make_thread, make_user, opening_post
from tests.moderation.helpers import item_for

WORDS = "Honestly some nights the quillwort cravings win"


@pytest.fixture
def forum(app):
    """A live thread by a settled member, with pre-moderation on for newcomers from now."""
    board = make_board("Check-ins", "check-ins")
    steady = make_user("steady-oak", trust_level=TrustLevel.MEMBER)
    thread = make_thread(author=steady, board=board, title="Evenings are the hardest")
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    app.config["POSTS_PER_PAGE"] = 2
    return board, steady, thread


def _held_reply(thread: Thread, newcomer, parent: Post | None = None) -> Post:
    post = write_reply(newcomer, thread, Draft(WORDS, post_anyway=True), parent).post
    db.session.commit()
    assert post.status == PostStatus.PENDING
    return post


def _reject(post: Post) -> None:
    moderator = make_user(role=Role.MODERATOR)
    services.decide(moderator, item_for(post), "reject", "Please leave out the plant's name.")
    db.session.commit()


def _reader_sees_no_trace(client, thread: Thread, later: Post) -> None:
    """Signed out: the thread, the board, the index, the profile, search and page numbers."""
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "quiet-river" not in page
    assert "removed by the moderators" not in page and "deleted by its author" not in page
    assert "Replies:" not in page
    assert "2 replies" not in client.get("/b/check-ins").get_data(as_text=True)
    # One page holds the opening post and the later reply: the rejected one takes no place.
    assert 'aria-label="Pages' not in page
    assert page_of_post(Anonymous(), later) == 1
    assert client.get(f"/p/{later.id}").headers["Location"].endswith(f"#p{later.id}")
    assert "0 posts" in client.get("/u/quiet-river").get_data(as_text=True)
    assert "quiet-river" not in client.get("/search?q=quillwort").get_data(as_text=True)


def test_a_rejected_first_reply_leaves_no_trace_for_readers_or_members(client, forum):
    """A newcomer's first reply is rejected: readers, the thread's starter (who follows it)
    and other members find no mark, reply, page, link, notice or unread marker of it."""
    board, steady, thread = forum
    newcomer = make_user("quiet-river")
    rejected = _held_reply(thread, newcomer, parent=opening_post(thread))
    _reject(rejected)
    later = write_reply(steady, thread, Draft("Still here tonight.")).post
    db.session.commit()
    db.session.refresh(thread)
    db.session.refresh(board)
    assert rejected.status == PostStatus.REJECTED
    assert (thread.reply_count, board.post_count) == (1, 2)

    _reader_sees_no_trace(client, thread, later)
    assert client.get(f"/p/{rejected.id}").status_code == 404
    other = make_user("another-member")
    assert new_counts(other, [thread]) == {}
    assert new_counts(steady, [thread]) == {}
    replies_told = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Notice)
        .where(Notice.kind == NoticeKind.REPLY, Notice.post_id == rejected.id)
    )
    assert replies_told == 0
    assert profile_summary(newcomer)[0] == 0


def test_a_rejected_opening_post_takes_its_never_public_thread_with_it(client, forum):
    """A newcomer's first thread is rejected: no board, index, latest or search shows it."""
    board, _steady, _thread = forum
    newcomer = make_user("quiet-river")
    post = write_thread(newcomer, board, Draft(WORDS, "Can't sleep again", post_anyway=True)).post
    db.session.commit()
    _reject(post)
    db.session.refresh(board)
    assert post.status == PostStatus.REJECTED and post.thread.status == ThreadStatus.REMOVED
    assert (board.thread_count, board.post_count) == (1, 1)
    for url in ("/", "/b/check-ins", "/search?q=quillwort"):
        page = client.get(url).get_data(as_text=True)
        assert "Can't sleep again" not in page and "Can&#39;t sleep again" not in page, url
    assert "Evenings are the hardest" in client.get("/").get_data(as_text=True)
    assert client.get(f"/t/{post.thread_id}").status_code == 404
    assert client.get(f"/p/{post.id}").status_code == 404


def test_the_author_still_reads_their_rejected_post_with_calm_words(client, auth, forum):
    """Only the author finds it, told gently that nobody else saw it, and where the reason is."""
    _board, _steady, thread = forum
    newcomer = make_user("quiet-river")
    rejected = _held_reply(thread, newcomer)
    _reject(rejected)
    auth.login(newcomer)
    page = client.get(f"/p/{rejected.id}", follow_redirects=True).get_data(as_text=True)
    assert "quillwort" in page
    assert "didn't approve this post, so nobody else ever saw it" in page
    assert "removed by the moderators" not in page
    auth.logout()
    auth.login(make_user("another-member"))
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "quiet-river" not in page and "quillwort" not in page


def test_a_newcomer_who_takes_back_a_waiting_post_leaves_no_mark(client, auth, forum):
    """Deleting a post that still waited withdraws it: no "deleted by its author" mark for
    anyone, the author included, and the moderators can close its queue item."""
    _board, _steady, thread = forum
    newcomer = make_user("quiet-river")
    waiting = _held_reply(thread, newcomer)
    auth.login(newcomer)
    response = client.post(f"/p/{waiting.id}/delete", data={})
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/t/{thread.id}")
    db.session.refresh(waiting)
    assert waiting.status == PostStatus.WITHDRAWN
    for viewer in ("the author", "a reader"):
        page = client.get(f"/t/{thread.id}").get_data(as_text=True)
        assert f'id="p{waiting.id}"' not in page and "deleted by its author" not in page, viewer
        auth.logout()
    moderator = make_user(role=Role.MODERATOR)
    auth.login(moderator)
    item = item_for(waiting)
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert 'value="no_action"' in page and 'value="approve"' not in page


def test_a_newcomer_leaving_hearth_with_a_waiting_thread_leaves_no_mark(client, forum):
    """Erasing a member's posts withdraws the ones that never showed, and their thread goes."""
    board, _steady, thread = forum
    newcomer = make_user("quiet-river")
    waiting = _held_reply(thread, newcomer)
    story = write_thread(newcomer, board, Draft(WORDS, "My first week", post_anyway=True)).post
    db.session.commit()
    delete_account(newcomer, PASSWORD, DeleteMode.REMOVE)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Post, waiting.id).status == PostStatus.WITHDRAWN
    assert db.session.get(Post, story.id).status == PostStatus.WITHDRAWN
    assert db.session.get(Thread, story.thread_id).status == ThreadStatus.DELETED
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "deleted by its author" not in page and "a former member" not in page


def test_deleting_a_post_that_was_public_still_leaves_its_mark(client, forum):
    """The same deletion of a post people read keeps "deleted by its author" in its place."""
    _board, steady, thread = forum
    post = write_reply(steady, thread, Draft("Hold on, it passes.")).post
    db.session.commit()
    lifecycle.delete_post(steady, post)
    db.session.commit()
    assert post.status == PostStatus.DELETED
    assert "deleted by its author" in client.get(f"/t/{thread.id}").get_data(as_text=True)
