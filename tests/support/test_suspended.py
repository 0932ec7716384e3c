"""A suspended member is told, wherever they would write, until when, why and where to ask."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.actions import act_on_member
from forum.permissions import Role
from forum.posts.models import Post
from forum.timeutil import utcnow
from tests.factories import make_board, make_post, make_thread, make_user
from tests.recovery.helpers import days_ago, make_counter

REASON = "Sharing another member's messages"


def _pause(member, until: datetime, reason: str = REASON) -> None:
    member.suspended_until, member.suspension_reason = until, reason
    db.session.commit()


def _suspended_member_with_things_to_write_on():
    """A member with a post of their own and a counter at day 7, then suspended for 3 days."""
    make_board("Milestones", "milestones")
    board = make_board("Stories", "stories")
    thread = make_thread(board=board, title="Evenings are hard")
    member = make_user()
    own = make_post(thread, member, body="My own words")
    counter = make_counter(member, days_ago(6))
    other = make_post(thread, body="Someone else's words")
    _pause(member, datetime(2031, 3, 14, 9, 30))
    return member, thread, own, other, counter


def _says_until_when_why_and_where_to_ask(page: str) -> None:
    assert "Your writing is paused until Friday 14 March 2031 at 09:30 UTC" in page
    assert "The moderators' reason: <q>Sharing another member&#39;s messages</q>" in page
    assert 'href="/notices/">your notices</a>' in page
    assert 'href="/guidelines#paused">the guidelines</a>' in page
    assert 'href="/help">the help page</a>' in page


PAGES = {
    # page: (address, status, what the member was about to do)
    "thread": (lambda t, own, other, c: f"/t/{t.id}", 200, "reply, react or report posts"),
    "reply": (lambda t, own, other, c: f"/t/{t.id}/reply?to={other.id}", 403, "reply"),
    "new thread": (lambda t, own, other, c: "/b/stories/new", 403, "start a thread"),
    "board": (lambda t, own, other, c: "/b/stories", 200, "start a thread"),
    "edit": (lambda t, own, other, c: f"/p/{own.id}/edit", 403, "edit your posts"),
    "delete": (lambda t, own, other, c: f"/p/{own.id}/delete", 403, "delete your posts"),
    "report": (lambda t, own, other, c: f"/p/{other.id}/report", 403, "report a post"),
    "milestone": (
        lambda t, own, other, c: f"/me/counters/{c.id}/milestones/7/share",
        403,
        "share a milestone",
    ),
    "my recovery": (
        lambda t, own, other, c: "/me",
        200,
        "add or change counters, or share a milestone",
    ),
    "settings": (lambda t, own, other, c: "/settings", 200, "write, react, follow or report"),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_a_suspended_member_would_write_on_says_until_when_why_and_where(
    client, auth, name
):
    """Before sending anything, the member reads the end date, the moderators' reason and
    where to ask, on each page where they would otherwise write."""
    member, thread, own, other, counter = _suspended_member_with_things_to_write_on()
    address, status, doing = PAGES[name]
    auth.login(member)
    response = client.get(address(thread, own, other, counter))
    assert response.status_code == status
    page = response.get_data(as_text=True)
    _says_until_when_why_and_where_to_ask(page)
    assert f"you can't {doing}." in page
    assert "doesn&#39;t take replies from you" not in page


def test_the_thread_page_says_why_where_the_reply_form_would_be(client, auth):
    """The reply box's place holds the explanation; no form to type into that would fail."""
    member, thread, *_ = _suspended_member_with_things_to_write_on()
    auth.login(member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Write a reply" not in page and "Post reply" not in page
    assert page.index("Someone else") < page.index("Your writing is paused")


def test_a_refused_write_answers_with_the_same_words_and_keeps_what_was_typed(client, auth):
    """A reply typed before the suspension came is not lost: the page gives it back to copy."""
    member, thread, *_ = _suspended_member_with_things_to_write_on()
    auth.login(member)
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Three paragraphs of me"})
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    _says_until_when_why_and_where_to_ask(page)
    assert "Nothing was sent or saved." in page
    assert "Three paragraphs of me</textarea>" in page
    stored = sa.select(sa.func.count()).where(Post.body_source == "Three paragraphs of me")
    assert db.session.scalar(stored) == 0


def test_a_ban_says_it_has_no_end_date(client, auth):
    """A banned member reads that it is for good, with no date that will never come."""
    thread = make_thread()
    member = make_user()
    act_on_member(make_user(role=Role.MODERATOR), member, "ban", "Selling pills")
    db.session.commit()
    auth.login(member)
    for address in (f"/t/{thread.id}", f"/t/{thread.id}/reply"):
        page = client.get(address).get_data(as_text=True)
        assert "a ban has no end date" in page and "for good" in page
        assert "Selling pills" in page
        assert "9999" not in page and "paused until" not in page


def test_a_suspension_says_how_long_is_left_in_words(client, auth):
    """Beside the date, the time left reads as a person says it."""
    thread = make_thread()
    member = make_user()
    _pause(member, utcnow() + timedelta(days=3, minutes=5))
    auth.login(member)
    assert "That is in 3 days." in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_the_forums_own_contact_for_the_moderators_is_given_when_it_has_one(app, client, auth):
    """An admin who sets MODERATORS_CONTACT gives suspended members somewhere to write."""
    app.config["MODERATORS_CONTACT"] = "moderators@hearth.example"
    thread = make_thread()
    member = make_user()
    _pause(member, utcnow() + timedelta(days=1))
    auth.login(member)
    page = client.get(f"/t/{thread.id}/reply").get_data(as_text=True)
    assert '<a href="mailto:moderators@hearth.example">moderators@hearth.example</a>' in page
    guidelines = client.get("/guidelines").get_data(as_text=True)
    assert "mailto:moderators@hearth.example" in guidelines


def test_the_guidelines_explain_what_a_pause_means(client):
    """The page the notice points to says what still works, what waits, and that it ends."""
    page = client.get("/guidelines").get_data(as_text=True)
    assert 'id="paused"' in page
    assert "When a pause ends, everything opens again by itself." in page
    assert "a ban, which has no end date" in page


def test_once_the_pause_is_over_the_forms_come_back(client, auth):
    """A member whose suspension ended meets the reply form again, and no notice of it."""
    thread = make_thread()
    member = make_user()
    _pause(member, utcnow() - timedelta(minutes=1))
    auth.login(member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Write a reply" in page and "paused" not in page
    assert client.get(f"/t/{thread.id}/reply").status_code == 200


def test_members_who_are_not_suspended_never_see_the_notice(client, auth):
    """Everyone else's pages carry no word of suspensions."""
    make_board("Stories", "stories")
    auth.login(make_user())
    for address in ("/b/stories", "/b/stories/new", "/settings", "/me"):
        assert "paused" not in client.get(address).get_data(as_text=True), address
