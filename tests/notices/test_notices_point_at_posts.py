"""Notices point at what they are about and never keep a copy of it.

What a notice says of a post, its thread or the member who wrote it is read when the member
opens their notices, so an edit, a redaction, a hidden post, a care report or an erasure
reaches every notice at once: the notices page and the data export alike.
"""

import json

import pytest

from forum.extensions import db
from forum.following.models import FollowState
from forum.following.services import set_follow
from forum.moderation.actions import act_on_post
from forum.moderation.models import Reason
from forum.moderation.reports import report_post
from forum.permissions import Role
from forum.posts.models import Post
from forum.writing.checks import Draft
from forum.writing.services import write_edit
from tests.factories import (
    PASSWORD,
    make_established,
    make_post,
    make_thread,
    make_user,
    opening_post,
)

PHONE = "07700 900461"


@pytest.fixture
def circle(app):
    """A thread by `starter`, followed by `follower`, where `writer` answers the starter and
    mentions `named`: each of the three is owed a notice about the reply."""
    starter, follower = make_user("starter"), make_user("follower")
    named = make_established("named")  # past the newcomer shield: a mention reaches them
    writer = make_user("remove-me-too")
    thread = make_thread(author=starter, title="Calling my sponsor")
    set_follow(follower, thread, FollowState.FOLLOWING)
    db.session.commit()
    reply = make_post(
        thread,
        writer,
        f"@named you can call me on {PHONE} any evening, the nights are long.",
        opening_post(thread),
    )
    return {"starter": starter, "follower": follower, "named": named, "writer": writer,
            "thread": thread, "reply": reply}  # fmt: skip


def _notices_page(client, auth, member) -> str:
    auth.login(member)
    page = client.get("/notices/").get_data(as_text=True)
    auth.logout()
    return page


def _exported_notices(client, auth, member) -> str:
    auth.login(member)
    data = client.post("/settings/export").get_json()
    auth.logout()
    return json.dumps(data["notices"], ensure_ascii=False)


def _readers(circle):
    return [circle["starter"], circle["follower"], circle["named"]]


def test_every_notice_quotes_a_reply_and_names_who_wrote_it(client, auth, circle):
    for member in _readers(circle):
        page = _notices_page(client, auth, member)
        assert "remove-me-too" in page and "Calling my sponsor" in page
        assert "the nights are long" in page


def test_a_redacted_phone_number_leaves_every_notice_that_quoted_it(client, auth, circle):
    moderator = make_user(role=Role.MODERATOR)
    act_on_post(
        moderator,
        circle["reply"],
        "redact",
        "A phone number",
        "@named you can call me on [redacted] any evening, the nights are long.",
    )
    db.session.commit()
    for member in _readers(circle):
        page = _notices_page(client, auth, member)
        assert PHONE not in page and "[redacted]" in page
        assert PHONE not in _exported_notices(client, auth, member)


def test_words_the_author_edits_away_leave_the_notices_too(client, auth, circle):
    write_edit(circle["writer"], circle["reply"], Draft("Sorry, I shouldn't have shared that."))
    db.session.commit()
    for member in _readers(circle):
        page = _notices_page(client, auth, member)
        assert PHONE not in page and "shouldn&#39;t have shared that" in page


def test_a_hidden_reply_is_no_longer_quoted_nor_named(client, auth, circle):
    moderator = make_user(role=Role.MODERATOR)
    act_on_post(moderator, circle["reply"], "hide", "Contact details")
    db.session.commit()
    for member in _readers(circle):
        page = _notices_page(client, auth, member)
        assert "the nights are long" not in page and "remove-me-too" not in page
        assert "A post you were told about is no longer shown" in page


def _delete_account(client, auth, member, mode):
    auth.login(member)
    response = client.post(
        "/settings/delete", data={"mode": mode, "password": PASSWORD, "confirm": "y"}
    )
    assert response.status_code == 302
    auth.logout()


@pytest.mark.parametrize("mode", ["detach", "remove"])
def test_a_member_who_left_is_named_in_nobody_elses_notices(client, auth, circle, mode):
    _delete_account(client, auth, circle["writer"], mode)
    for member in _readers(circle):
        page = _notices_page(client, auth, member)
        assert "remove-me-too" not in page
        assert "remove-me-too" not in _exported_notices(client, auth, member)
        if mode == "detach":
            assert "New reply from a former member" in page or "a former member" in page
        else:
            assert "the nights are long" not in page


def test_a_member_who_left_is_not_named_in_the_notices_of_their_reactions(client, auth, app):
    from forum.posts.models import ThreadKind
    from forum.reactions.services import toggle_reaction

    author, cheering = make_user("ninety-days"), make_user("cheer-and-go")
    milestone = make_thread(author=author, title="90 days")
    milestone.kind = ThreadKind.MILESTONE
    toggle_reaction(cheering, opening_post(milestone), "congrats")
    db.session.commit()
    assert "cheer-and-go reacted" in _notices_page(client, auth, author)
    _delete_account(client, auth, cheering, "detach")
    page = _notices_page(client, auth, author)
    assert "cheer-and-go" not in page and "a former member reacted" in page


def test_an_erased_members_thread_title_leaves_the_notices_of_those_who_replied(client, auth, app):
    leaving, replier = make_user("leaving-now"), make_user("stayed")
    thread = make_thread(author=leaving, title="My husband found the bottles")
    make_post(thread, replier, "I am here for you.")
    answer = make_post(thread, leaving, "Thank you, it helped.", None)
    answer.parent_id = db.session.scalar(
        db.select(Post.id).where(Post.thread_id == thread.id, Post.author_id == replier.id)
    )
    db.session.commit()
    _delete_account(client, auth, leaving, "remove")
    page = _notices_page(client, auth, replier)
    assert "My husband found the bottles" not in page and "leaving-now" not in page
    assert "My husband found the bottles" not in _exported_notices(client, auth, replier)


def test_a_mention_of_a_member_who_left_reads_a_former_member(client, auth, circle):
    friend = make_user("old-friend")
    mention = make_post(circle["thread"], friend, "Thinking of @remove-me-too tonight.")
    _delete_account(client, auth, circle["writer"], "detach")
    db.session.refresh(mention)
    assert mention.body_source == "Thinking of a former member tonight."
    page = client.get(f"/p/{mention.id}", follow_redirects=True).get_data(as_text=True)
    assert "remove-me-too" not in page and "Thinking of a former member tonight." in page


def test_a_reply_that_raised_the_care_check_is_never_quoted(client, auth, app):
    starter, follower = make_user("starter"), make_user("follower")
    thread = make_thread(author=starter, title="Bad night")
    set_follow(follower, thread, FollowState.FOLLOWING)
    db.session.commit()
    make_post(thread, make_user("low-tonight"), "Honestly some nights I just want to die.")
    for member in (starter, follower):
        page = _notices_page(client, auth, member)
        assert "want to die" not in page and "low-tonight" in page


def test_a_reply_reported_as_at_risk_later_stops_being_quoted(client, auth, app):
    starter = make_user("starter")
    thread = make_thread(author=starter, title="Bad night")
    reply = make_post(thread, make_user("quiet-one"), "I have stopped caring what happens.")
    assert "stopped caring" in _notices_page(client, auth, starter)
    report_post(make_user("watching-out"), reply, Reason.AT_RISK)
    db.session.commit()
    assert "stopped caring" not in _notices_page(client, auth, starter)


def test_my_reports_no_longer_names_a_thread_the_moderators_hid(client, auth, app):
    from forum.posts.lifecycle import set_thread_status
    from forum.posts.models import ThreadStatus

    reporter = make_user("looking-out")
    thread = make_thread(title="Where to score near the station")
    report_post(reporter, opening_post(thread), Reason.DRUGS)
    db.session.commit()
    auth.login(reporter)
    assert "Where to score" in client.get("/reports/mine").get_data(as_text=True)
    set_thread_status(thread, ThreadStatus.HIDDEN)
    db.session.commit()
    page = client.get("/reports/mine").get_data(as_text=True)
    assert "Where to score" not in page and "a thread you can no longer see" in page
    notices = client.get("/notices/").get_data(as_text=True)
    assert "Where to score" not in notices


def test_a_warning_that_named_a_member_who_left_no_longer_names_them(client, auth, circle):
    from forum.moderation.actions import act_on_member

    moderator = make_user(role=Role.MODERATOR)
    act_on_member(
        moderator, circle["follower"], "warn", "Please stop messaging Remove-Me-Too about this."
    )
    db.session.commit()
    _delete_account(client, auth, circle["writer"], "remove")
    page = _notices_page(client, auth, circle["follower"])
    assert "Remove-Me-Too" not in page and "Please stop messaging a former member" in page
