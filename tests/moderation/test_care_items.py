"""A care report is looked after whatever else happens to the post: deciding about the post
or its author never ends it, its outcomes come first, and harsh actions ask to be confirmed."""

import re

import pytest
import sqlalchemy as sa

from forum.errors import Conflict
from forum.extensions import db
from forum.moderation import services
from forum.moderation.allowed import DecisionError, allowed_actions
from forum.moderation.models import ItemKind, ItemState, Reason, Report, ReportState
from forum.moderation.rules import CARE_VERBS, HARSH_VERBS
from forum.notices.models import Notice, NoticeKind
from forum.permissions import Role
from forum.posts.models import Post, PostStatus
from forum.writing.checks import Draft
from forum.writing.services import write_reply
from tests.factories import make_post, make_thread, make_user
from tests.moderation.helpers import item_for, report

BUTTON = re.compile(r'<button type="submit" name="verb" value="([a-z_]+)"')
MESSAGE = "We read your post and we're glad you're here. Would you like to talk?"


@pytest.fixture
def moderator(app):
    return make_user("steady-hands", role=Role.MODERATOR)


@pytest.fixture
def waiting_reply(app):
    """A newcomer's first reply, held for approval, with words of risk in it."""
    thread = make_thread(author=make_user("steady-oak"))
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    newcomer = make_user("quiet-river")
    post = write_reply(newcomer, thread, Draft("I just want to die", post_anyway=True)).post
    db.session.commit()
    assert post.status == PostStatus.PENDING
    return post


def _decide(client, item, verb: str, reason: str = "", **extra):
    return client.post(
        f"/mod/items/{item.id}/decide", data={"verb": verb, "reason": reason, **extra}
    )


def _care_notices(member) -> list[Notice]:
    return list(
        db.session.scalars(
            sa.select(Notice).where(Notice.user_id == member.id, Notice.kind == NoticeKind.CARE)
        )
    )


def _report_states(item) -> dict[Reason, ReportState]:
    db.session.expire_all()
    return {
        r.reason: r.state
        for r in db.session.scalars(sa.select(Report).where(Report.item_id == item.id))
    }


def test_a_care_report_on_a_waiting_reply_is_looked_after_and_the_post_approved_apart(
    client, auth, moderator, waiting_reply
):
    """Approving the post keeps the care report open; recording "Reached out" resolves it."""
    item = item_for(waiting_reply)
    assert item.kind == ItemKind.PENDING and item.has_care
    auth.login(moderator)
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    offered = set(BUTTON.findall(page))
    assert {"reached_out", "resources_sent", "approve", "reject"} <= offered

    approved = _decide(client, item, "approve")
    assert approved.status_code == 302
    assert approved.headers["Location"] == f"/mod/items/{item.id}"
    page = client.get(approved.headers["Location"]).get_data(as_text=True)
    assert "The care report stays open" in page
    db.session.expire_all()
    assert item.state == ItemState.OPEN and waiting_reply.status == PostStatus.VISIBLE
    assert _report_states(item) == {Reason.AT_RISK: ReportState.OPEN}
    assert _care_notices(waiting_reply.author) == []

    cared = _decide(client, item, "reached_out", MESSAGE)
    assert cared.status_code == 302 and cared.headers["Location"] == "/mod/queue"
    db.session.expire_all()
    assert item.state == ItemState.RESOLVED and item.resolution == "reached_out"
    assert _report_states(item) == {Reason.AT_RISK: ReportState.REVIEWED}
    assert MESSAGE in _care_notices(waiting_reply.author)[0].body


def test_looking_after_them_first_leaves_the_approval_open(client, auth, moderator, waiting_reply):
    """A care outcome on a waiting post does not approve or drop it: the item still asks."""
    item = item_for(waiting_reply)
    auth.login(moderator)
    response = _decide(client, item, "resources_sent")
    assert response.headers["Location"] == f"/mod/items/{item.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "still waits to be approved or rejected" in page
    assert set(BUTTON.findall(page)) == {"approve", "reject"}
    db.session.expire_all()
    assert item.state == ItemState.OPEN and waiting_reply.status == PostStatus.PENDING
    assert _report_states(item) == {Reason.AT_RISK: ReportState.REVIEWED}
    assert _decide(client, item, "approve").headers["Location"] == "/mod/queue"
    db.session.expire_all()
    assert item.state == ItemState.RESOLVED and waiting_reply.status == PostStatus.VISIBLE


def test_rejecting_a_waiting_post_never_ends_its_care_report(moderator, waiting_reply):
    """Even a rejected post's author is still looked after."""
    item = item_for(waiting_reply)
    services.decide(moderator, item, "reject", "Please repost without the link.", confirmed=True)
    db.session.commit()
    assert waiting_reply.status == PostStatus.REJECTED
    assert item.state == ItemState.OPEN and item.claimed_by_id == moderator.id
    assert set(CARE_VERBS) - {"member_left"} <= set(allowed_actions(moderator, item))


def test_a_decision_on_the_post_answers_only_the_reports_about_the_post(moderator):
    """Hiding answers the harassment report; the care report waits for a care outcome."""
    post = make_post(author=make_user("quiet-river"), body="Everyone here is fake, I want to die")
    worried, bothered = make_user(), make_user()
    report(post, Reason.AT_RISK, reporter=worried)
    report(post, Reason.HARASSMENT, reporter=bothered)
    item = item_for(post)
    services.decide(moderator, item, "hide", "Please keep it kind.", confirmed=True)
    db.session.commit()
    assert item.state == ItemState.OPEN
    assert _report_states(item) == {
        Reason.AT_RISK: ReportState.OPEN,
        Reason.HARASSMENT: ReportState.ACTION_TAKEN,
    }
    told = {
        n.user_id
        for n in db.session.scalars(
            sa.select(Notice).where(Notice.kind == NoticeKind.REPORT_OUTCOME)
        )
    }
    assert told == {bothered.id}
    services.decide(moderator, item, "resources_sent", "")
    db.session.commit()
    assert item.state == ItemState.RESOLVED
    assert _report_states(item)[Reason.AT_RISK] == ReportState.REVIEWED


@pytest.mark.parametrize("verb", ["remove", "suspend", "ban", "warn", "reject", "lock"])
def test_a_harsh_action_on_a_care_item_is_refused_until_confirmed(
    client, auth, moderator, waiting_reply, verb
):
    """Without the confirmation box nothing changes, and the moderator is told why."""
    item = item_for(waiting_reply)
    if verb == "remove":
        services.decide(moderator, item, "approve", "")
        db.session.commit()
    with pytest.raises(DecisionError):
        services.decide(moderator, item, verb, "A reason", days=1)
    db.session.rollback()
    auth.login(moderator)
    data = {"reason": "A reason", "days": "1"}
    refused = _decide(client, item, verb, **data)
    assert refused.status_code == 400
    assert "tick the box to confirm" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Post, waiting_reply.id).author.suspended_until is None
    assert _decide(client, item, verb, confirm="y", **data).status_code == 302


def test_the_care_panel_shows_care_first_and_harsh_actions_apart(client, auth, moderator):
    """Care outcomes as the first buttons; each harsh action behind a disclosure, in a form
    of its own, with its own reason box and a required confirmation box."""
    post = make_post(author=make_user("quiet-river"), body="I can't go on like this")
    report(post, Reason.AT_RISK)
    item = item_for(post)
    auth.login(moderator)
    page = client.get(f"/mod/items/{item.id}").get_data(as_text=True)
    before, _, after = page.partition('<details class="harsh-actions"')
    assert after, "the harsh actions sit behind a disclosure"
    assert BUTTON.findall(before) == ["reached_out", "resources_sent", "escalate"]
    harsh = BUTTON.findall(after)
    assert harsh == [v for v in HARSH_VERBS if v in allowed_actions(moderator, item)]
    assert set(BUTTON.findall(page)) == set(allowed_actions(moderator, item))
    forms = re.findall(r'<form method="post"[^>]*harsh-decision.*?</form>', after, re.S)
    assert len(forms) == len(harsh)
    for verb, form in zip(harsh, forms, strict=True):
        assert f'value="{verb}"' in form
        assert f'id="reason-{verb}"' in form
        assert re.search(
            r'<input type="checkbox" name="confirm" value="y" id="confirm-\w+" required>', form
        )


def test_a_care_post_moderated_from_its_thread_sends_the_moderator_to_care_first(
    client, auth, moderator
):
    """The post's own moderation page points to the care report and asks to confirm a removal,
    which leaves the care report open."""
    post = make_post(author=make_user("quiet-river"), body="Nothing to live for")
    report(post, Reason.AT_RISK)
    item = item_for(post)
    auth.login(moderator)
    page = client.get(f"/mod/posts/{post.id}").get_data(as_text=True)
    assert f'href="/mod/items/{item.id}"' in page and "Someone may be at risk" in page
    assert '<details class="harsh-actions"' in page
    data = {"verb": "remove", "reason": "Details of a method."}
    assert client.post(f"/mod/posts/{post.id}", data=data).status_code == 400
    removed = client.post(f"/mod/posts/{post.id}", data={**data, "confirm": "y"})
    assert removed.headers["Location"] == f"/mod/items/{item.id}"
    db.session.expire_all()
    assert post.status == PostStatus.REMOVED and item.state == ItemState.OPEN


def test_a_care_report_about_someone_who_left_is_closed_as_such(client, auth, moderator):
    """Nobody can be reached once they left: the care report is closed saying so."""
    post = make_post(author=make_user("quiet-river"), body="Better off without me")
    report(post, Reason.AT_RISK)
    post.author_id = None
    db.session.commit()
    item = item_for(post)
    auth.login(moderator)
    offered = set(BUTTON.findall(client.get(f"/mod/items/{item.id}").get_data(as_text=True)))
    assert "member_left" in offered and "reached_out" not in offered
    assert _decide(client, item, "reached_out", MESSAGE).status_code == 400
    assert _decide(client, item, "member_left").status_code == 302
    db.session.expire_all()
    assert item.state == ItemState.RESOLVED and item.resolution == "member_left"


def test_two_moderators_approving_a_care_item_at_once_leave_one_holding_it(
    moderator, waiting_reply
):
    """The partial decision is raced like any other: one approves and holds the care part."""
    item = item_for(waiting_reply)
    other = make_user(role=Role.MODERATOR)
    services.decide(moderator, item, "approve", "")
    db.session.commit()
    with pytest.raises(Conflict):
        services.decide(other, item, "reached_out", MESSAGE)
    db.session.rollback()
    assert item_for(waiting_reply).claimed_by_id == moderator.id


def test_a_member_a_care_report_is_about_is_not_banned_from_their_page_unconfirmed(
    client, auth, moderator
):
    """The member's page names the waiting care report and asks to confirm a suspension."""
    author = make_user("quiet-river")
    post = make_post(author=author, body="No reason to live")
    report(post, Reason.AT_RISK)
    auth.login(moderator)
    page = client.get(f"/mod/members/{author.id}").get_data(as_text=True)
    assert f'href="/mod/items/{item_for(post).id}"' in page
    assert page.index("<details") < page.index('value="ban"')
    data = {"verb": "suspend", "reason": "Posting sourcing links.", "days": "3"}
    assert client.post(f"/mod/members/{author.id}", data=data).status_code == 400
    db.session.expire_all()
    assert author.suspended_until is None
    confirmed = client.post(f"/mod/members/{author.id}", data={**data, "confirm": "y"})
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert author.suspended_until is not None
