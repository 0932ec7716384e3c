"""A suspended member in a real browser: before sending anything, every page says why."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import Page, expect  # noqa: E402

from forum.extensions import db  # noqa: E402
from forum.moderation.actions import act_on_member  # noqa: E402
from forum.permissions import Role  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import board, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402

REASON = "Posting another member's messages without asking"


def _reads_until_when_why_and_where_to_ask(page: Page, doing: str) -> None:
    """The notice on this page: the end of the pause, the reason, what waits, where to ask."""
    notice = page.locator("section.suspension")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("heading")).to_have_text(
        re.compile(r"Your writing is paused until \w+day \d{1,2} \w+ \d{4} at \d\d:\d\d UTC")
    )
    expect(notice).to_contain_text("That is in 3 days.")
    expect(notice).to_contain_text(f"Until then you can't {doing}.")
    expect(notice).to_contain_text(f"The moderators' reason: {REASON}")
    expect(notice.get_by_role("link", name="your notices")).to_be_visible()
    expect(notice.get_by_role("link", name="the guidelines")).to_be_visible()
    expect(notice.get_by_role("link", name="the help page")).to_be_visible()
    # Nothing to type into that would only be refused.
    expect(page.locator("main textarea")).to_have_count(0)


def test_a_suspended_member_reads_why_on_each_page_before_writing_anything(live_forum, page):
    """Thread, new-thread page and reply page each say until when, why and where to ask;
    the links lead to the moderators' message and to how a pause works."""
    name, title = unique("paused-"), unique("Sunday evenings ")
    with live_forum.seeding():
        member = make_user(name)
        thread = make_thread(board=board("stories"), title=title)
        make_post(thread, body="Sundays are the worst for me too.")
        moderator = make_user(unique("mod-"), role=Role.MODERATOR)
        act_on_member(moderator, member, "suspend", REASON, days=3)
        db.session.commit()
        thread_id = thread.id

    sign_in(page, name)
    page.goto(f"/t/{thread_id}")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_text("Sundays are the worst for me too.")).to_be_visible()
    expect(page.get_by_role("heading", name="Write a reply")).to_have_count(0)
    _reads_until_when_why_and_where_to_ask(page, "reply, react or report posts")

    page.goto("/b/stories")
    expect(page.get_by_role("link", name="Start a thread")).to_have_count(0)
    _reads_until_when_why_and_where_to_ask(page, "start a thread")

    page.goto("/b/stories/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("You can read, but not write for now")
    _reads_until_when_why_and_where_to_ask(page, "start a thread")
    expect(page.get_by_role("link", name="Back to the board")).to_be_visible()

    page.goto(f"/t/{thread_id}/reply")
    _reads_until_when_why_and_where_to_ask(page, "reply")
    page.get_by_role("link", name="Back to the thread").click()
    page.wait_for_url(re.compile(rf"/t/{thread_id}"))

    page.locator("section.suspension").get_by_role("link", name="your notices").click()
    page.wait_for_url(re.compile(r"/notices/"))
    expect(page.locator(".notice-item").first).to_contain_text("suspended for 3 days")
    expect(page.locator(".notice-item").first).to_contain_text(REASON)

    page.go_back()
    page.locator("section.suspension").get_by_role("link", name="the guidelines").click()
    page.wait_for_url(re.compile(r"/guidelines#paused$"))
    section = page.locator("#paused")
    expect(section).to_be_in_viewport()
    expect(section).to_contain_text("When a pause ends, everything opens again by itself.")


def test_a_banned_member_reads_that_there_is_no_end_date(live_forum, page):
    """A ban is said plainly, with no made-up date, on the page where they would reply."""
    name = unique("closed-")
    with live_forum.seeding():
        member = make_user(name)
        thread = make_thread(board=board("stories"), title=unique("Still here "))
        act_on_member(make_user(unique("mod-"), role=Role.MODERATOR), member, "ban", "Selling")
        db.session.commit()
        thread_id = thread.id

    sign_in(page, name)
    page.goto(f"/t/{thread_id}/reply")
    notice = page.locator("section.suspension")
    expect(notice.get_by_role("heading")).to_have_text(
        "Your account can read Hearth, but no longer write here"
    )
    expect(notice).to_contain_text("a ban has no end date")
    expect(notice).to_contain_text("The moderators' reason: Selling")
    expect(notice).not_to_contain_text("9999")
