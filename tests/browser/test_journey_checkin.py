"""A member opens today's check-in, pledges with one click, and replies saying they pledged;
the pledge stays theirs (another member's page of the same thread shows no sign of it)."""

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.checkins.services import open_due_checkins  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import accessible_and_fits, post_card, sign_in  # noqa: E402
from tests.factories import make_board, make_user  # noqa: E402


def test_a_member_pledges_from_the_days_checkin_thread_and_replies(live_forum, open_page):
    name, neighbour = unique("sunrise-"), unique("neighbour-")
    words = unique("Here this morning, coffee and a walk planned ")
    with live_forum.seeding():
        make_user(name)
        make_user(neighbour)
        board = make_board(unique("Morning Room "), unique("morning-room-"), has_checkins=True)
        opened = open_due_checkins(utcnow())
        db.session.commit()
        title = next(c.thread.title for c in opened if c.thread.board_id == board.id)

    page = open_page()
    sign_in(page, name)
    page.goto("/checkins")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_role("button", name="Today I won't drink or use").click()
    expect(page.get_by_text("Pledged for today.")).to_be_visible()
    expect(page.get_by_text("You pledged today")).to_be_visible()
    page.get_by_label("Your reply").fill(words)
    page.get_by_label("Begin my reply with “Pledged today”").check()
    page.get_by_role("button", name="Post reply").click()
    reply = post_card(page, words)
    expect(reply.get_by_text("Pledged today.")).to_be_visible()
    accessible_and_fits(page, open_page, "check-in thread")

    other = open_page()
    sign_in(other, neighbour)
    other.goto(page.url)
    expect(other.get_by_role("button", name="Today I won't drink or use")).to_be_visible()
    expect(other.get_by_text("You pledged today")).to_have_count(0)
