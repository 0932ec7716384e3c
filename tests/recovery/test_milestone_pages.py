"""My recovery as a member meets it: sharing a milestone, or setting it aside."""

from datetime import timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Thread, ThreadKind
from forum.timeutil import utcnow
from tests.factories import make_board, make_user
from tests.recovery.helpers import count_rows, days_ago, make_counter


def test_the_offer_appears_and_goes_away_when_set_aside(client, auth):
    """On day 7 the member is asked "Share this milestone?"; "Not now" removes the offer."""
    member = make_user()
    counter = make_counter(member, days_ago(6), added_at=utcnow() - timedelta(days=6))
    auth.login(member)
    page = client.get("/me").get_data(as_text=True)
    assert "You reached 7 days. Share this milestone?" in page
    response = client.post(f"/me/counters/{counter.id}/milestones/7/dismiss")
    assert response.status_code == 302
    page = client.get("/me").get_data(as_text=True)
    assert "You reached 7 days" not in page
    assert "Share this milestone?" not in page
    assert count_rows(Thread) == 0


def test_sharing_posts_the_members_own_words_with_a_badge(client, auth):
    """The form is pre-filled, the member edits it, and the thread is badged "30 days"."""
    board = make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, days_ago(29), label="zebra-gambling")
    auth.login(member)
    form = client.get(f"/me/counters/{counter.id}/milestones/30/share").get_data(as_text=True)
    assert 'value="30 days"' in form and "Today I reached 30 days." in form
    assert "zebra-gambling" not in form
    assert count_rows(Thread) == 0
    response = client.post(
        f"/me/counters/{counter.id}/milestones/30/share",
        data={"title": "A whole month", "body": "Thirty days, one at a time."},
    )
    assert response.status_code == 302
    thread = db.session.scalar(sa.select(Thread))
    assert (thread.kind, thread.badge, thread.title) == (
        ThreadKind.MILESTONE,
        "30 days",
        "A whole month",
    )
    thread_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<span class="badge badge-milestone">30 days</span>' in thread_page
    board_page = client.get(f"/b/{board.slug}").get_data(as_text=True)
    assert '<span class="badge badge-milestone">30 days</span>' in board_page
    assert "You reached 30 days" not in client.get("/me").get_data(as_text=True)


def test_a_shared_milestone_leads_back_to_its_thread_rather_than_a_second_form(client, auth):
    """Opening the share link again (another tab, the back button) goes to the shared thread."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, days_ago(29))
    auth.login(member)
    url = f"/me/counters/{counter.id}/milestones/30/share"
    shared = client.post(url, data={"title": "A month", "body": "Thirty days today."})
    again = client.get(url)
    assert again.status_code == 302
    assert shared.headers["Location"].startswith(again.headers["Location"])
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "You have already answered your 30 days milestone." in page
    assert client.post(url, data={"title": "Twice", "body": "Again."}).status_code == 302
    assert count_rows(Thread) == 1


def test_a_set_aside_milestone_leads_back_to_my_recovery(client, auth):
    """A milestone answered "Not now" sends the share link back to My recovery."""
    member = make_user()
    counter = make_counter(member, days_ago(29))
    auth.login(member)
    client.post(f"/me/counters/{counter.id}/milestones/30/dismiss")
    again = client.get(f"/me/counters/{counter.id}/milestones/30/share")
    assert again.status_code == 302 and again.headers["Location"].endswith("/me")


def test_a_milestone_not_reached_has_no_share_form(client, auth):
    """Asking to share 90 days on day 30 finds nothing."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, days_ago(29))
    auth.login(member)
    assert client.get(f"/me/counters/{counter.id}/milestones/90/share").status_code == 404
    assert client.post(f"/me/counters/{counter.id}/milestones/90/share").status_code == 404
