"""A member who uses the keyboard alone, in a real browser: every stop shows its focus."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import board, post_card  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402

FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""
FOCUSED_TEXT = (
    "() => (document.activeElement.innerText || document.activeElement.value || '').trim()"
)
FOCUSED_LABEL = "() => document.activeElement.labels?.[0]?.innerText.trim() || ''"


def _press(page: Page, key: str) -> None:
    page.keyboard.press(key)
    assert page.evaluate(FOCUS_IS_VISIBLE), f"focus is not visible after {key}"


def _tab_to(page: Page, wanted: str, probe: str = FOCUSED_TEXT, limit: int = 80) -> None:
    """Press Tab until the focused element reads `wanted`; every stop must show its focus."""
    for _ in range(limit):
        _press(page, "Tab")
        if page.evaluate(probe) == wanted:
            return
    raise AssertionError(f"{wanted!r} was not reached with {limit} presses of Tab")


def test_keyboard_only_member_signs_in_and_replies(live_forum, page):
    """With Tab, Shift+Tab and Enter alone, a member signs in and replies; focus always shows."""
    name, title = unique("keys-"), unique("Typing this at night ")
    with live_forum.seeding():
        make_thread(board=board("community-lounge"), title=title)
        make_user(name)

    page.goto("/signin")
    # The pseudonym field has the focus when the page opens (wait for it on a busy machine).
    expect(page.get_by_label("Pseudonym")).to_be_focused()
    page.keyboard.type(name)
    expect(page.get_by_label("Pseudonym")).to_have_value(name)
    _tab_to(page, "Password", FOCUSED_LABEL, limit=1)
    page.keyboard.type("a-long-password-1")
    _tab_to(page, "Keep me signed in on this device", FOCUSED_LABEL, limit=1)
    _press(page, "Shift+Tab")
    assert page.evaluate(FOCUSED_LABEL) == "Password"
    _tab_to(page, "Sign in", limit=3)
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(name)

    _tab_to(page, "Community Lounge")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/b/community-lounge$"))
    _tab_to(page, title)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/t/\d+"))
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()

    _tab_to(page, "Your reply", FOCUSED_LABEL)
    page.keyboard.type("Same here. Tea, a blanket, and this forum.")
    _tab_to(page, "Post reply")
    page.keyboard.press("Enter")
    expect(post_card(page, "Tea, a blanket, and this forum.")).to_be_visible()
