"""A member blocks someone who keeps answering them, and no longer hears from them: no
notice, no message, their post folded on the thread; the one blocked is never told."""

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

REPLY = "You always say that. Answer me properly for once"
MESSAGE = "Why are you ignoring me? Write back tonight."


def _established(name: str):
    member = make_user(name, created_at=utcnow() - timedelta(days=200))
    make_thread(member, board("stories"), title=unique("A year of mornings "))
    return member


def test_a_member_blocks_another_and_no_longer_hears_from_them(live_forum, open_page):
    keeper, pest = unique("keeper-"), unique("pest-")
    with live_forum.seeding():
        own = _established(keeper)
        _established(pest)
        thread_id = make_thread(own, board("stories"), title=unique("Evenings without a drink ")).id

    member = open_page()
    sign_in(member, keeper)
    member.goto(f"/u/{pest}")
    member.get_by_text(f"Mute or block {pest}").click()
    member.get_by_label("Block: also never see their messages or mentions").check()
    member.get_by_label("Always").check()
    member.get_by_role("button", name="Save").click()
    expect(member.get_by_text(f"You blocked {pest}. They are not told.")).to_be_visible()

    # The one blocked writes as usual, and nothing tells them of the block.
    other = open_page()
    sign_in(other, pest)
    other.goto(f"/t/{thread_id}/reply")
    other.get_by_label(re.compile("^Your reply")).fill(f"@{keeper} {REPLY}")
    other.get_by_role("button", name="Post reply").click()
    expect(other.get_by_text(REPLY)).to_be_visible()
    other.goto(f"/messages/new?to={keeper}")
    other.get_by_label(re.compile("^Your message")).fill(MESSAGE)
    other.get_by_role("button", name="Send").click()
    expect(other.get_by_text(MESSAGE)).to_be_visible()

    # The member hears nothing of either.
    member.goto("/notices/")
    expect(member.locator("main")).not_to_contain_text(pest)
    member.goto("/messages/")
    expect(member.locator("main")).not_to_contain_text(pest)
    expect(member.locator(".count[aria-label$='with new messages']")).to_have_count(0)

    # On the thread, the reply is folded; the member may still open it.
    member.goto(f"/t/{thread_id}")
    fold = member.locator("details.shut-out")
    expect(fold).to_have_count(1)
    expect(fold.get_by_text(REPLY)).to_be_hidden()
    fold.get_by_text("A post from someone you blocked").click()
    expect(fold.get_by_text(REPLY)).to_be_visible()

    # Settings lists the block; undone, the post reads as any other.
    member.goto("/settings#shut-out")
    section = member.locator("#shut-out")
    expect(section).to_contain_text(f"{pest}: blocked, always")
    section.get_by_role("button", name=f"Undo for {pest}").click()
    expect(member.get_by_text("Undone.")).to_be_visible()
    expect(member.locator("#shut-out")).to_contain_text("Nobody.")
    member.goto(f"/t/{thread_id}")
    expect(member.locator("details.shut-out")).to_have_count(0)
    expect(member.get_by_text(REPLY)).to_be_visible()
