"""Each decision does what it says, is logged with its reason, and is told to those concerned."""

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.moderation import services
from forum.moderation.models import ItemState, ModAction, Reason, Report, ReportState
from forum.notices.models import Notice, NoticeKind
from forum.permissions import Role, is_suspended
from forum.posts.models import Post, PostStatus
from tests.factories import make_post, make_user
from tests.moderation.helpers import item_for, report


@pytest.fixture
def moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


def _notices(user) -> list[Notice]:
    return list(
        db.session.scalars(sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id))
    )


def _decide(client, item, verb, reason="", **extra):
    return client.post(
        f"/mod/items/{item.id}/decide", data={"verb": verb, "reason": reason, **extra}
    )


@pytest.mark.parametrize(
    ("verb", "status", "outcome"),
    [
        ("no_action", PostStatus.VISIBLE, ReportState.NO_ACTION),
        ("hide", PostStatus.HIDDEN, ReportState.ACTION_TAKEN),
        ("remove", PostStatus.REMOVED, ReportState.ACTION_TAKEN),
    ],
)
def test_a_decision_on_a_post_is_logged_and_told_to_author_and_reporters(
    client, auth, moderator, verb, status, outcome
):
    author = make_user("the-author")
    reporter = make_user("the-reporter")
    post = make_post(author=author, body="reported words")
    report(post, reporter=reporter)
    item = item_for(post)
    auth.login(moderator)
    response = _decide(client, item, verb, "This breaks the guideline on kindness")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, post.id).status == status
    assert item.state == ItemState.RESOLVED and item.resolution == verb
    action = db.session.scalar(sa.select(ModAction).where(ModAction.verb == verb))
    assert (action.moderator_id, action.target_type.value, action.target_id) == (
        moderator.id,
        "post",
        post.id,
    )
    assert action.reason == "This breaks the guideline on kindness"
    assert db.session.scalar(sa.select(Report)).state == outcome
    told = _notices(reporter)
    assert len(told) == 1 and told[0].kind == NoticeKind.REPORT_OUTCOME
    author_notices = _notices(author)
    if verb == "no_action":
        assert author_notices == []
    else:
        assert "This breaks the guideline on kindness" in author_notices[0].body
        assert "steady-hands" not in author_notices[0].title + author_notices[0].body
        auth.logout()
        auth.login(author)
        page = client.get("/notices/").get_data(as_text=True)
        assert "From the moderators" in page and "steady-hands" not in page


def test_a_reason_is_required_where_the_member_reads_it(client, auth, moderator):
    post = make_post()
    report(post)
    auth.login(moderator)
    response = _decide(client, item_for(post), "hide", "")
    assert response.status_code == 400
    assert "Please give a reason" in response.get_data(as_text=True)
    db.session.refresh(post)
    assert post.status == PostStatus.VISIBLE


def test_hidden_posts_show_hidden_to_members_and_the_reason_to_their_author(
    client, auth, moderator
):
    author = make_user()
    post = make_post(author=author, body="the hidden words")
    report(post)
    services.decide(moderator, item_for(post), "hide", "Please keep it kind")
    db.session.commit()
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert "hidden by the moderators" in page and "the hidden words" not in page
    auth.login(author)
    assert "the hidden words" in client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert "Please keep it kind" in client.get("/notices/").get_data(as_text=True)


def test_a_moderator_restores_a_hidden_post_from_its_thread(client, auth, moderator):
    post = make_post(status=PostStatus.HIDDEN)
    auth.login(moderator)
    assert "Moderate" in client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    response = client.post(
        f"/mod/posts/{post.id}", data={"verb": "restore", "reason": "On review it is fine"}
    )
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.status == PostStatus.VISIBLE
    assert db.session.scalar(sa.select(ModAction.verb)) == "restore"


def test_no_action_on_an_auto_hidden_post_brings_it_back(moderator):
    post = make_post()
    for _ in range(3):
        report(post)
    db.session.refresh(post)
    assert post.status == PostStatus.HIDDEN
    services.decide(moderator, item_for(post), "no_action", "")
    db.session.commit()
    db.session.refresh(post)
    assert post.status == PostStatus.VISIBLE


def test_redacting_keeps_the_original_for_moderators_only(client, auth, moderator):
    author = make_user()
    post = make_post(author=author, body="Call me on 555-0199 any time")
    report(post, Reason.IDENTITY)
    auth.login(moderator)
    response = _decide(
        client,
        item_for(post),
        "redact",
        "A phone number identifies you",
        new_text="Call me [redacted] any time",
    )
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.body_source == "Call me [redacted] any time" and post.redacted_at is not None
    assert "555-0199" in client.get(f"/p/{post.id}/history").get_data(as_text=True)
    auth.logout()
    auth.login(author)
    thread_page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert "redacted by the moderators" in thread_page and "555-0199" not in thread_page
    assert "555-0199" not in client.get(f"/p/{post.id}/history").get_data(as_text=True)


def test_locking_a_thread_stops_replies(client, auth, moderator):
    post = make_post()
    report(post)
    services.decide(moderator, item_for(post), "lock", "This thread has run its course")
    db.session.commit()
    db.session.refresh(post)
    assert post.thread.is_locked
    action = db.session.scalar(sa.select(ModAction))
    assert (action.target_type.value, action.target_id) == ("thread", post.thread_id)
    auth.login(make_user())
    assert client.post(f"/t/{post.thread_id}/reply", data={"body": "one more"}).status_code == 403


def test_a_warning_is_a_private_notice_with_the_reason(moderator):
    author = make_user()
    post = make_post(author=author)
    report(post)
    services.decide(moderator, item_for(post), "warn", "Please don't share sources")
    db.session.commit()
    notice = _notices(author)[0]
    assert (
        notice.title == "A warning from the moderators"
        and notice.body == "Please don't share sources"
    )
    assert db.session.scalar(sa.select(ModAction)).target_type.value == "member"


@pytest.mark.parametrize("days", [1, 3, 7, 30])
def test_a_suspended_member_reads_but_cannot_write_and_sees_until_when_and_why(
    client, auth, moderator, days
):
    author = make_user("suspended-one")
    post = make_post(author=author)
    other = make_post()
    report(post)
    services.decide(moderator, item_for(post), "suspend", "Repeated harassment", days=days)
    db.session.commit()
    db.session.refresh(author)
    assert is_suspended(author)
    auth.login(author)
    assert client.get(f"/t/{other.thread_id}").status_code == 200
    for path, data in (
        (f"/t/{other.thread_id}/reply", {"body": "let me"}),
        (f"/b/{other.thread.board.slug}/new", {"title": "abc", "body": "x"}),
        (f"/p/{other.id}/report", {"reason": "spam"}),
        (f"/p/{post.id}/edit", {"body": "changed"}),
    ):
        response = client.post(path, data=data)
        assert response.status_code == 403, path
        assert "Repeated harassment" in response.get_data(as_text=True)
        assert "until" in response.get_data(as_text=True)
    assert client.post("/settings/export").status_code == 200
    assert client.post("/signout").status_code == 302


def test_a_ban_is_a_suspension_for_good(client, auth, moderator):
    author = make_user()
    post = make_post(author=author)
    report(post, Reason.DRUGS)
    services.decide(moderator, item_for(post), "ban", "Selling drugs")
    db.session.commit()
    auth.login(author)
    response = client.post(f"/t/{post.thread_id}/reply", data={"body": "x"})
    assert response.status_code == 403 and "for good" in response.get_data(as_text=True)


def test_moderators_cannot_suspend_moderators_but_admins_can(moderator):
    other_mod = make_user(role=Role.MODERATOR)
    from forum.errors import NotAllowed
    from forum.moderation.actions import act_on_member

    with pytest.raises(NotAllowed):
        act_on_member(moderator, other_mod, "suspend", "test", 1)
    db.session.rollback()
    act_on_member(make_user(role=Role.ADMIN), other_mod, "suspend", "test", 1)
    db.session.commit()
    assert is_suspended(other_mod)


def test_escalating_keeps_the_item_open_for_the_admins(client, auth, moderator):
    post = make_post()
    report(post)
    item = item_for(post)
    services.decide(moderator, item, "escalate", "Legal question, needs an admin")
    db.session.commit()
    assert item.escalated and item.state == ItemState.OPEN
    from forum.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.decide(make_user(role=Role.MODERATOR), item, "hide", "x")
    db.session.rollback()
    services.decide(make_user(role=Role.ADMIN), item, "hide", "Decided by an admin")
    db.session.commit()
    assert item.state == ItemState.RESOLVED


@pytest.mark.parametrize("verb", ["reached_out", "resources_sent"])
def test_a_care_report_ends_in_care_never_in_no_violation(client, auth, moderator, verb):
    author = make_user()
    reporter = make_user()
    post = make_post(author=author, body="I can't go on like this")
    report(post, Reason.AT_RISK, reporter=reporter)
    item = item_for(post)
    auth.login(moderator)
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    assert "Reached out" in page and "Resources sent" in page
    assert 'value="no_action"' not in page
    assert _decide(client, item, "no_action").status_code == 400
    response = _decide(client, item, verb, "We're thinking of you. You matter here.")
    assert response.status_code == 302
    notice = _notices(author)[0]
    assert notice.kind == NoticeKind.CARE and notice.link == "/help"
    assert db.session.scalar(sa.select(Report)).state == ReportState.REVIEWED
    assert "looked after" in _notices(reporter)[0].title
