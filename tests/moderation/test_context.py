"""The context around a queue item shows the moderators only what members can read there:
a post its author deleted, or the moderators took away, is named, never quoted."""

import pytest

from forum.extensions import db
from forum.moderation import reports
from forum.moderation.models import Reason
from forum.permissions import Role
from forum.posts import lifecycle
from forum.posts.models import PostStatus
from tests.factories import make_post, make_thread, make_user
from tests.moderation.helpers import item_for, report

EARLIER = "Honestly some nights the cravings win"


@pytest.fixture
def moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


def _thread_with_context(before_status: PostStatus):
    thread = make_thread(title="Rough night")
    author = make_user("quiet-river")
    before = make_post(thread=thread, author=author, body=EARLIER)
    if before_status == PostStatus.DELETED:
        lifecycle.delete_post(author, before)
    else:
        lifecycle.set_post_status(before, before_status)
    db.session.commit()
    reported = make_post(thread=thread, body="The reported words")
    report(reported, Reason.HARASSMENT)
    return before, reported


WORDS = {
    PostStatus.DELETED: "deleted by its author",
    PostStatus.REMOVED: "removed by the moderators",
    PostStatus.HIDDEN: "hidden by the moderators",
}


@pytest.mark.parametrize("status", list(WORDS), ids=str)
def test_the_queue_and_the_item_name_a_post_members_cannot_read_instead_of_quoting_it(
    client, auth, moderator, status
):
    """Before it, "quiet-river: a post deleted by its author", never the words it had."""
    _before, reported = _thread_with_context(status)
    auth.login(moderator)
    for url in ("/mod/queue", f"/mod/items/{item_for(reported).id}"):
        page = client.get(url).get_data(as_text=True)
        assert "quiet-river" in page and WORDS[status] in page, url
        assert "cravings" not in page, url
        assert "The reported words" in page, url


def test_the_context_still_quotes_a_post_members_can_read(client, auth, moderator):
    _before, reported = _thread_with_context(PostStatus.VISIBLE)
    auth.login(moderator)
    for url in ("/mod/queue", f"/mod/items/{item_for(reported).id}"):
        assert EARLIER in client.get(url).get_data(as_text=True), url


def test_the_context_skips_a_post_that_was_never_public(client, auth, moderator):
    """A waiting or rejected post was never in the thread for members: the context is the
    post before it, as members find the thread."""
    thread = make_thread(title="Rough night", body="The opening story, public.")
    held = make_post(thread=thread, author=make_user("quiet-river"), body=EARLIER)
    lifecycle.set_post_status(held, PostStatus.PENDING)
    reports.hold_for_approval(held)
    db.session.commit()
    reported = make_post(thread=thread, body="The reported words")
    report(reported, Reason.SPAM)
    auth.login(moderator)
    for status in (PostStatus.PENDING, PostStatus.REJECTED):
        lifecycle.set_post_status(held, status)
        db.session.commit()
        page = client.get(f"/mod/items/{item_for(reported).id}").get_data(as_text=True)
        assert "The opening story, public." in page and "cravings" not in page, status
