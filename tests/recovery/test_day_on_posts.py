"""The day beside a pseudonym: each post keeps the day it was written on, and a slip shows
on no page but the member's own."""

import json
import re
from datetime import date, datetime, timedelta

import pytest

from forum.extensions import db
from forum.following.models import Bookmark
from forum.recovery import services
from tests.factories import make_board, make_post, make_thread, make_user
from tests.recovery.helpers import days_ago, make_counter

# A word only the member's posts use, so that search finds them.
WORD = "lighthouse"


def _without_times(page: str) -> str:
    """A page with its relative times ("5 minutes ago") taken out: they move by themselves."""
    return re.sub(r"<time [^>]*>[^<]*</time>", "<time>", page)


def _day_counts(page: str) -> list[str]:
    return re.findall(r'<span class="day-count">(Day \d+)</span>', page)


def _day_of(page: str, post_id: int) -> str | None:
    """The day shown beside one post's author, if any."""
    for card in page.split("<article")[1:]:
        if f'id="p{post_id}"' in card:
            found = _day_counts(card)
            return found[0] if found else None
    raise AssertionError(f"post {post_id} is not on the page")


@pytest.fixture
def sharer(client, auth):
    """A member showing "Day 30", with a reply and a shared 30-day milestone, signed in."""
    make_board("Milestones", "milestones")
    member = make_user("steady-tide")
    counter = make_counter(member, days_ago(29), show=True)
    older = make_thread(author=make_user(), title="Evenings are the hardest")
    reply = make_post(thread=older, author=member, body=f"A walk to the {WORD} helps me.")
    auth.login(member)
    shared = client.post(
        f"/me/counters/{counter.id}/milestones/30/share",
        data={"title": "30 days", "body": f"Thirty days, and the {WORD} walk every night."},
    )
    assert shared.status_code == 302
    # Read the thread once as the member, so that the flashed "shared" goes with them.
    assert client.get(shared.headers["Location"]).status_code == 200
    auth.logout()
    return member, counter, older, reply, shared.headers["Location"]


def _public_pages(client, member, older, reply, milestone_url) -> dict[str, str]:
    """Every page where another person may meet the member's posts."""
    pages = {
        "milestone thread": client.get(milestone_url),
        "older thread": client.get(f"/t/{older.id}"),
        "permalink": client.get(f"/p/{reply.id}", follow_redirects=True),
        "milestones board": client.get("/b/milestones"),
        "profile": client.get(f"/u/{member.pseudonym}"),
        "search": client.get(f"/search?q={WORD}"),
        "front page": client.get("/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: response.get_data(as_text=True) for name, response in pages.items()}


def _slip(client, auth, member, counter) -> None:
    auth.login(member)
    assert client.post(f"/me/counters/{counter.id}/slip", data={}).status_code == 302
    auth.logout()


def test_a_member_who_slipped_is_never_shown_as_day_1(client, auth, sharer):
    """Signed out, the 30-day milestone and the older reply say "Day 30" after the slip, as
    before it, and no page anyone else reads changes at all."""
    member, counter, older, reply, milestone_url = sharer
    before = _public_pages(client, member, older, reply, milestone_url)
    assert _day_counts(before["milestone thread"]) == ["Day 30"]
    assert "Day 30" in _day_counts(before["older thread"])
    _slip(client, auth, member, counter)
    after = _public_pages(client, member, older, reply, milestone_url)
    for name, page in after.items():
        assert "Day 1<" not in page, name
        assert _without_times(page) == _without_times(before[name]), name


def test_another_member_sees_the_same_days_after_the_slip(client, auth, sharer):
    """A member reading the threads sees "Day 30" on both posts, before and after."""
    member, counter, older, reply, milestone_url = sharer
    reader = make_user("kind-reader")
    auth.login(reader)
    before = _public_pages(client, member, older, reply, milestone_url)
    auth.logout()
    _slip(client, auth, member, counter)
    auth.login(reader)
    after = _public_pages(client, member, older, reply, milestone_url)
    for name in after:
        assert _day_counts(after[name]) == _day_counts(before[name]), name
        assert "Day 1<" not in after[name], name
    assert _day_counts(after["milestone thread"]) == ["Day 30"]


def test_the_member_still_sees_their_own_truth_on_my_recovery(client, auth, sharer):
    """Their private page counts the new streak from day 1 and keeps every day in the total."""
    member, counter, *_ = sharer
    _slip(client, auth, member, counter)
    auth.login(member)
    page = client.get("/me").get_data(as_text=True)
    assert "<strong>1</strong> day in this streak" in page
    assert "All together: <strong>30</strong> days counted." in page


def test_a_post_written_after_a_slip_shows_no_day_until_the_member_shows_it_again(
    client, auth, sharer
):
    """New posts carry no day while paused; once the member turns it on, new posts show the
    new streak's day, and the older posts keep "Day 30"."""
    member, counter, older, reply, _ = sharer
    _slip(client, auth, member, counter)
    paused = make_post(thread=older, author=member, body="Still walking every night.")
    page = client.get(f"/t/{older.id}").get_data(as_text=True)
    assert (_day_of(page, reply.id), _day_of(page, paused.id)) == ("Day 30", None)
    auth.login(member)
    assert client.post(f"/me/counters/{counter.id}/show").status_code == 302
    auth.logout()
    again = make_post(thread=older, author=member, body="Turning my days back on.")
    page = client.get(f"/t/{older.id}").get_data(as_text=True)
    assert [_day_of(page, p.id) for p in (reply, paused, again)] == ["Day 30", None, "Day 1"]


def test_the_pause_is_explained_on_the_slip_page_after_it_and_on_my_recovery(client, auth, sharer):
    """The member is told plainly that new posts show no day, and how to turn it back on."""
    member, counter, *_ = sharer
    auth.login(member)
    slip_page = client.get(f"/me/counters/{counter.id}/slip").get_data(as_text=True)
    assert "new posts show no day beside your pseudonym" in slip_page
    response = client.post(f"/me/counters/{counter.id}/slip", data={})
    after = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your day count is paused" in after
    assert "nothing on the forum changes" in after
    home = client.get("/me").get_data(as_text=True)
    assert "Your day count is paused." in home
    assert "Posts you wrote before keep the day they showed then." in home
    assert "Show my days on new posts again" in home
    assert "“Day 1” today" in home


def test_a_slip_on_a_private_counter_pauses_nothing(app):
    """Only a counter shown on posts is paused; a private one is simply counted again."""
    member = make_user()
    counter = make_counter(member, days_ago(29))
    services.record_slip(member, counter)
    db.session.commit()
    assert counter.is_paused is False


def test_each_post_keeps_the_day_it_was_written_on_as_the_days_go_on(client):
    """A reply written on day 10 still says "Day 10" five days later, beside one of day 15."""
    member = make_user()
    counter = make_counter(member, days_ago(9), show=True)
    thread = make_thread(author=member)
    # Five days pass: the streak began five days further back than it did.
    counter.started_on -= timedelta(days=5)
    db.session.commit()
    make_post(thread=thread, author=member)
    assert _day_counts(client.get(f"/t/{thread.id}").text) == ["Day 10", "Day 15"]


def test_posts_written_while_the_counter_was_private_stay_without_a_day(client, auth):
    """Showing a counter dates the posts written from then on, not those written before."""
    member = make_user()
    counter = make_counter(member, days_ago(40))
    thread = make_thread(author=member)
    auth.login(member)
    client.post(f"/me/counters/{counter.id}/show")
    make_post(thread=thread, author=member)
    auth.logout()
    assert _day_counts(client.get(f"/t/{thread.id}").text) == ["Day 41"]


def test_stopping_showing_takes_the_day_off_every_post(client, auth, sharer):
    """ "Stop showing it" removes the days from old posts too; showing again brings them back."""
    member, counter, older, _, milestone_url = sharer
    auth.login(member)
    client.post("/me/counters/hide")
    auth.logout()
    for url in (milestone_url, f"/t/{older.id}"):
        assert _day_counts(client.get(url).text) == []
    auth.login(member)
    client.post(f"/me/counters/{counter.id}/show")
    auth.logout()
    assert _day_counts(client.get(milestone_url).text) == ["Day 30"]


def test_a_post_is_dated_by_the_authors_own_calendar(app):
    """Written at 11:30 UTC on 28 February, a post from Auckland is already on 1 March."""
    auckland = make_counter(make_user(), date(2025, 3, 1), time_zone="Pacific/Auckland")
    london = make_counter(make_user(), date(2025, 3, 1), time_zone="Europe/London")
    moment = datetime(2025, 2, 28, 11, 30)
    assert (auckland.day_at(moment), london.day_at(moment)) == (1, 0)
    assert london.day_at(datetime(2025, 3, 31, 23, 30)) == 32  # 00:30 on 1 April in London


def test_another_members_export_holds_nothing_of_the_day_counts(client, auth, sharer):
    """A reader who bookmarked the member's reply downloads no day, streak or slip of theirs."""
    member, counter, _, reply, _ = sharer
    _slip(client, auth, member, counter)
    reader = make_user()
    db.session.add(Bookmark(user_id=reader.id, post_id=reply.id))
    db.session.commit()
    auth.login(reader)
    data = json.loads(client.post("/settings/export").data)
    assert data["bookmarks"] == [reply.id]
    assert data["counters"] == []
    assert "Day 30" not in json.dumps(data) and '"day"' not in json.dumps(data)


def test_the_members_own_export_lists_the_day_each_post_showed(client, auth, sharer):
    """The member's download says which day each of their posts showed, and the pause."""
    member, counter, _, reply, _ = sharer
    _slip(client, auth, member, counter)
    auth.login(member)
    [exported] = json.loads(client.post("/settings/export").data)["counters"]
    assert exported["paused_since_a_slip"] is True
    assert {"post_id": reply.id, "day": 30} in exported["days_shown_on_posts"]
    assert len(exported["days_shown_on_posts"]) == 2


def test_showing_a_counter_again_after_a_slip_says_what_comes_back(client, auth):
    """A member who hid their counter, then started again, is told before showing it that
    new posts show the new streak's days and earlier ones get theirs back."""
    member = make_user()
    counter = make_counter(member, days_ago(29), show=True)
    auth.login(member)
    client.post("/me/counters/hide")
    assert "get back the days they showed then" not in client.get("/me").text
    client.post(f"/me/counters/{counter.id}/slip", data={})
    assert "get back the days they showed then" in client.get("/me").text
