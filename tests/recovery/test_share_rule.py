"""Sharing a milestone, as a member meets it: the same care, identity question and content
note as a reply, and no offer that would tell anyone about a slip."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from wtforms.fields.core import UnboundField

from forum.boards.forms import ReplyForm, ThreadForm
from forum.extensions import db
from forum.moderation.models import Reason, Report
from forum.posts.models import Post, Thread
from forum.recovery.forms import ShareMilestoneForm
from forum.recovery.models import Milestone
from forum.timeutil import utcnow
from tests.factories import make_board, make_thread, make_user
from tests.recovery.helpers import count_rows, days_ago, make_counter

RISKY = "30 days today. But some nights I just want to die."


@pytest.fixture
def thirty_days(client, auth):
    """A member on day 30 of a counter, signed in, with the Milestones board open."""
    make_board("Milestones", "milestones")
    member = make_user("slow-morning")
    counter = make_counter(member, days_ago(29), added_at=utcnow() - timedelta(days=29))
    auth.login(member)
    return member, f"/me/counters/{counter.id}/milestones/30/share"


def _care_reports() -> list[Report]:
    stmt = sa.select(Report).where(Report.reporter_id.is_(None), Report.reason == Reason.AT_RISK)
    return list(db.session.scalars(stmt))


def test_sharing_30_days_with_words_of_risk_asks_a_moderator_to_check_in(client, auth, thirty_days):
    """ "Some nights I just want to die" in a milestone is shared, raises the same care report
    a reply would, and the member is shown where to find help."""
    member, url = thirty_days
    response = client.post(url, data={"title": "30 days", "body": RISKY})
    post = db.session.scalar(sa.select(Post).where(Post.body_source == RISKY))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/help?after={post.id}"
    [report] = _care_reports()
    assert report.post_id == post.id
    help_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "people are there for you" in help_page
    # Another member's reply with the same words raises the same report, with the same note.
    auth.logout()
    auth.login(make_user())
    client.post(f"/t/{make_thread().id}/reply", data={"body": RISKY})
    shared_report, reply_report = _care_reports()
    assert shared_report.id == report.id
    assert (reply_report.note, reply_report.reason) == (report.note, report.reason)


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        ("Text me on 0612 345 678 9 any time.", "a phone number"),
        ("mail me: r@example.org", "an email address"),
    ],
)
def test_a_phone_number_or_email_in_a_share_asks_first(client, thirty_days, body, hint):
    """The share form asks "post anyway?", keeps the title and words, and shares nothing
    until the member ticks the box; the offer stays until then."""
    member, url = thirty_days
    response = client.post(url, data={"title": "A whole month", "body": body})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This may identify you or someone else" in page and hint in page
    assert 'name="post_anyway"' in page and "Post it anyway" in page
    assert 'value="A whole month"' in page and body.split()[0] in page
    assert (count_rows(Thread), count_rows(Milestone)) == (0, 0)
    assert "You reached 30 days. Share this milestone?" in client.get("/me").text
    response = client.post(url, data={"title": "A whole month", "body": body, "post_anyway": "y"})
    assert response.status_code == 302
    assert (count_rows(Thread), count_rows(Milestone)) == (1, 1)


def test_a_content_note_chosen_on_the_share_form_is_kept(client, auth, thirty_days):
    """The share form offers the content note; readers meet the note before the words."""
    member, url = thirty_days
    form = client.get(url).get_data(as_text=True)
    assert 'name="content_note"' in form and 'name="content_note_text"' in form
    response = client.post(
        url,
        data={
            "title": "30 days",
            "body": "The night before day 1 was the worst of it.",
            "content_note": "relapse",
            "content_note_text": "the night before",
        },
    )
    assert response.status_code == 302
    post = db.session.scalar(sa.select(Post))
    assert (post.content_note, post.content_note_text) == ("relapse", "the night before")
    auth.logout()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Content note: Relapse detail: the night before" in page


def _fields(form_class) -> set[str]:
    return {name for name in dir(form_class) if isinstance(getattr(form_class, name), UnboundField)}


def test_the_share_form_has_every_field_a_new_thread_and_a_reply_have():
    """Whatever a member can add to a thread or a reply, they can add to a milestone."""
    share = _fields(ShareMilestoneForm)
    assert {"title", "body", "content_note", "content_note_text", "post_anyway"} <= share
    # Which post a reply answers, and the "Pledged today" line of a check-in reply, are the
    # fields a thread-starting share has no use for.
    assert _fields(ThreadForm) <= share
    assert _fields(ReplyForm) - {"parent_id", "say_pledged"} <= share


# --- what My recovery offers ---------------------------------------------------------------


def _offers(page: str) -> list[str]:
    return re.findall(r"You reached ([\w ]+)\. Share this milestone\?", page)


def test_after_a_slip_my_recovery_offers_no_milestone(client, auth):
    """Right after a slip nothing is offered: never "You reached 1 day", nor the milestones of
    the streak that ended."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, days_ago(29), show=True, added_at=utcnow() - timedelta(days=29))
    auth.login(member)
    assert _offers(client.get("/me").text) == ["7 days", "30 days"]
    client.post(f"/me/counters/{counter.id}/slip", data={})
    page = client.get("/me").get_data(as_text=True)
    assert _offers(page) == [] and "Share this milestone?" not in page
    for days in (1, 7, 30):
        assert client.get(f"/me/counters/{counter.id}/milestones/{days}/share").status_code == 404


@pytest.mark.parametrize("day", [1, 2, 6])
def test_no_milestone_under_a_week_is_offered_or_shared(client, auth, day):
    """In a streak's first week there is nothing to share, whatever the address says."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, days_ago(day - 1), added_at=utcnow() - timedelta(days=day))
    auth.login(member)
    assert "Share this milestone?" not in client.get("/me").get_data(as_text=True)
    for days in range(1, 7):
        share = f"/me/counters/{counter.id}/milestones/{days}/share"
        assert client.get(share).status_code == 404
        assert client.post(share, data={"title": "x days", "body": "So far."}).status_code == 404
        assert (
            client.post(f"/me/counters/{counter.id}/milestones/{days}/dismiss").status_code == 404
        )
    assert count_rows(Thread) == 0


def test_a_slip_recorded_days_later_offers_only_the_latest_milestone_it_passed(client, auth):
    """A member who records on day 40 a slip from 40 days ago is offered 30 days, not 7 too."""
    member = make_user()
    counter = make_counter(member, days_ago(99), added_at=utcnow() - timedelta(days=99))
    auth.login(member)
    client.post(f"/me/counters/{counter.id}/slip", data={"new_start": days_ago(39).isoformat()})
    assert _offers(client.get("/me").text) == ["30 days"]


def test_sharing_after_a_slip_says_what_readers_may_work_out(client, auth, thirty_days):
    """A member who shared 30 days, then started again, is told gently before sharing 7 days
    that readers who saw the first may work out the second."""
    member, url = thirty_days
    counter_id = int(url.split("/")[3])
    client.post(url, data={"title": "30 days", "body": "A month."})
    assert "before your new streak began" not in client.get(url.replace("30", "7")).text
    client.post(f"/me/counters/{counter_id}/slip", data={"new_start": days_ago(6).isoformat()})
    page = client.get(f"/me/counters/{counter_id}/milestones/7/share").get_data(as_text=True)
    assert "before your new streak began" in page
    assert "it's yours to tell, or to keep" in page
