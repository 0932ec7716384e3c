"""A member tries to message a newcomer from their profile and is turned away kindly: what
they typed is kept, nothing is sent, and the page points to the way in (a reply to the
newcomer's post), which reaches the newcomer."""

import re
from datetime import timedelta

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.timeutil import utcnow  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import board, sign_in  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402

TYPED = "Hi! I read your post, I'm in the next town over. Want to chat somewhere more private?"
REPLY = "The second week was the hardest for me too. It eases, I promise."


def test_a_member_is_turned_away_kindly_from_a_newcomer_and_replies_instead(live_forum, open_page):
    newcomer, older = unique("first-days-"), unique("long-road-")
    with live_forum.seeding():
        new_member = make_user(newcomer)
        member = make_user(older, created_at=utcnow() - timedelta(days=300))
        make_thread(member, board("stories"), title=unique("Three hundred days "))
        thread_id = make_thread(
            new_member, board("stories"), title=unique("My second week "), body="It's hard."
        ).id

    page = open_page()
    sign_in(page, older)
    page.goto(f"/u/{newcomer}")
    page.get_by_role("link", name="Message", exact=True).click()
    expect(page.get_by_label("To")).to_have_value(newcomer)
    page.get_by_label(re.compile("^Your message")).fill(TYPED)
    page.get_by_role("button", name="Send").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(f"{newcomer} is new here; reply to their posts instead.")
    expect(alert).to_contain_text("Nothing was sent.")
    expect(page.get_by_label(re.compile("^Your message"))).to_have_value(TYPED)
    page.goto("/messages/")
    expect(page.locator("main")).not_to_contain_text(newcomer)

    # The way in: a reply to the newcomer's post, which they hear of.
    page.goto(f"/t/{thread_id}/reply")
    page.get_by_label("Your reply").fill(REPLY)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text(REPLY)).to_be_visible()

    theirs = open_page()
    sign_in(theirs, newcomer)
    theirs.goto("/messages/")
    expect(theirs.locator("main")).not_to_contain_text(older)
    theirs.goto("/notices/")
    expect(theirs.locator("main")).to_contain_text(older)
