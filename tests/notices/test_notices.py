"""Members read their notices in the app, see an unread count, and mark them read."""

import sqlalchemy as sa

from forum.extensions import db
from forum.notices.models import Notice, NoticeKind
from forum.notices.services import notify
from tests.factories import make_user


def _send(user, title="Your post is hidden by the moderators"):
    notice = notify(user.id, NoticeKind.MODERATION, title, "Please keep it kind", "/help")
    db.session.commit()
    return notice


def test_the_header_shows_how_many_notices_are_unread(client, auth):
    member = make_user()
    _send(member)
    _send(member, "A warning from the moderators")
    auth.login(member)
    page = client.get("/").get_data(as_text=True)
    assert 'aria-label="2 unread">2</span>' in page


def test_a_member_reads_notices_and_marks_one_or_all_read(client, auth):
    member = make_user()
    first = _send(member)
    _send(member, "A warning from the moderators")
    auth.login(member)
    page = client.get("/notices/").get_data(as_text=True)
    assert "Please keep it kind" in page and "From the moderators" in page
    assert client.post(f"/notices/{first.id}/read").status_code == 302
    assert 'aria-label="1 unread"' in client.get("/").get_data(as_text=True)
    client.post("/notices/read-all")
    assert "unread" not in client.get("/").get_data(as_text=True)


def test_nobody_can_read_or_mark_another_members_notices(client, auth):
    owner = make_user()
    notice = _send(owner, "private title")
    auth.login(make_user())
    assert "private title" not in client.get("/notices/").get_data(as_text=True)
    client.post(f"/notices/{notice.id}/read")
    db.session.refresh(notice)
    assert notice.read_at is None


def test_notices_need_a_signed_in_member(client):
    assert client.get("/notices/").status_code == 302


def test_a_notice_to_a_member_who_left_is_dropped(app):
    assert notify(None, NoticeKind.MODERATION, "nobody") is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notice)) == 0


def test_a_notice_stops_quoting_a_reply_once_its_thread_is_hidden(client, auth):
    """When a thread is hidden, a reply notice from it keeps neither the words nor the title."""
    from forum.posts import lifecycle
    from forum.posts.models import ThreadStatus
    from tests.factories import make_post, make_thread

    follower, replier = make_user(), make_user()
    thread = make_thread(title="Quiet title")
    answered = make_post(thread, follower, body="Anyone awake?")
    make_post(thread, replier, body="Words only this thread holds.", parent=answered)
    auth.login(follower)
    before = client.get("/notices/").get_data(as_text=True)
    assert "Words only this thread holds." in before and "Quiet title" in before
    lifecycle.set_thread_status(thread, ThreadStatus.HIDDEN)
    db.session.commit()
    after = client.get("/notices/").get_data(as_text=True)
    assert "Words only this thread holds." not in after and "Quiet title" not in after
    assert "A post in a thread you can no longer see" in after
