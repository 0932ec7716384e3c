"""In a real browser: every disclosure looks like something to open, and tables keep words whole."""

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import Page  # noqa: E402

from forum.extensions import db  # noqa: E402
from forum.moderation.actions import act_on_member, act_on_post  # noqa: E402
from forum.permissions import Role  # noqa: E402
from tests.browser.conftest import MODERATOR, SCREENSHOTS, WAIT_MS, unique  # noqa: E402
from tests.browser.helpers import board, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402
from tests.moderation.helpers import report  # noqa: E402

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# How the summary and its marker look: the marker is the ::before chevron.
SUMMARY_LOOK = """summary => {
  const own = getComputedStyle(summary);
  const marker = getComputedStyle(summary, '::before');
  return {
    marker: marker.content, width: parseFloat(marker.width), border: marker.borderRightStyle,
    turn: marker.transform, cursor: own.cursor, background: own.backgroundColor,
    underline: own.textDecorationLine, thickness: own.textDecorationThickness,
    outline: own.outlineStyle, outlineWidth: parseFloat(own.outlineWidth),
  };
}"""
# Words of the visible header cells (column and row headers) that the browser laid out on
# more than one line; a break at a space, a hyphen or a slash is between words.
BROKEN_HEADER_WORDS = """() => [...document.querySelectorAll('th')]
  .filter(th => th.getClientRects().length)
  .flatMap(th => {
    const broken = [];
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\/-]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
    return broken;
  })"""
# Pseudonyms in a table's cells that were split across lines.
BROKEN_NAMES = """names => [...document.querySelectorAll('td')].flatMap(td => {
  const broken = [];
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const name of names) {
      const at = node.data.indexOf(name);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + name.length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(name);
    }
  }
  return broken;
})"""
FITS = """() => {
  const root = document.scrollingElement;
  const main = document.querySelector('main').getBoundingClientRect();
  const tables = [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect());
  return {
    sideways: root.scrollWidth > root.clientWidth,
    spills: tables.some(t => t.right > main.right + 1 || t.left < main.left - 1),
  };
}"""


def _look(page: Page, summary) -> dict:
    return summary.evaluate(SUMMARY_LOOK)


def _tab_to(page: Page, summary, limit: int = 80) -> None:
    """Press Tab until the summary has the focus, as a keyboard user would reach it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("the summary was not reached with the keyboard")


@pytest.fixture(scope="module")
def noted_thread(live_forum):
    """A thread whose reply has a content note, and a member who may reply there."""
    member = unique("disclose-")
    with live_forum.seeding():
        make_user(member)
        thread = make_thread(board=board("stories"), title=unique("What the weekend was like "))
        reply = make_post(thread, body="The long version of what happened on Saturday.")
        reply.content_note = "relapse"
        db.session.commit()
        return member, thread.id


# The disclosures the issue names, and where each is met.
DISCLOSURES = {
    "Content note: Relapse detail. Open to read": "/t/{thread_id}",
    "Add a content note": "/t/{thread_id}",
    "Filters": "/search?q=weekend",
}


@pytest.mark.parametrize("label", DISCLOSURES)
def test_a_disclosure_shows_a_marker_that_turns_when_opened(page, noted_thread, label):
    """Each <summary> carries a visible chevron, looks clickable, and the chevron turns open."""
    member, thread_id = noted_thread
    sign_in(page, member)
    page.goto(DISCLOSURES[label].format(thread_id=thread_id))
    summary = page.locator("summary", has_text=label).first
    closed = _look(page, summary)
    assert closed["marker"] not in ("none", "normal") and closed["width"] > 0, closed
    assert closed["border"] == "solid" and closed["cursor"] == "pointer", closed
    assert closed["underline"] == "underline", closed
    summary.click()
    assert summary.evaluate("el => el.parentElement.open")
    # The chevron turns in a short transition; wait for it to settle somewhere else.
    turned = """([el, before]) => getComputedStyle(el, '::before').transform !== before"""
    page.wait_for_function(turned, arg=[summary.element_handle(), closed["turn"]])


def test_a_disclosure_answers_the_pointer_and_the_keyboard(page, noted_thread):
    """Hovering changes its look; Tab reaches it with a focus ring, and Enter opens it."""
    member, thread_id = noted_thread
    sign_in(page, member)
    page.goto(f"/t/{thread_id}")
    summary = page.locator("summary", has_text="Content note: Relapse detail").first
    page.mouse.move(0, 0)
    resting = _look(page, summary)
    summary.hover()
    hovered = _look(page, summary)
    assert (hovered["background"], hovered["thickness"]) != (
        resting["background"],
        resting["thickness"],
    ), "hovering changes nothing"
    page.mouse.move(0, 0)
    page.locator("h1").click()  # start the keyboard walk from the top of the content
    _tab_to(page, summary)
    focused = _look(page, summary)
    assert focused["outline"] == "solid" and focused["outlineWidth"] >= 2, focused
    page.keyboard.press("Enter")
    assert summary.evaluate("el => el.parentElement.open")


@pytest.fixture(scope="module")
def tables(live_forum, browser):
    """A moderation log with long pseudonyms and reasons, a member's reports, an admin."""
    names = {
        # No hyphen nor space: a break anywhere in these would be inside a word.
        "moderator": unique("GentleMorningSteward"),
        "member": unique("QuietlyHopefulTraveller"),
        "admin": unique("KeeperOfTheHearth"),
    }
    with live_forum.seeding():
        moderator = make_user(names["moderator"], role=Role.MODERATOR)
        member = make_user(names["member"])
        make_user(names["admin"], role=Role.ADMIN)
        thread = make_thread(board=board("stories"), title=unique("Tables at night "))
        post = make_post(thread, body="Words that broke the guidelines, sadly.")
        report(post, reporter=member, note="This names a real person.")
        act_on_post(
            moderator,
            post,
            "hide",
            "It names someone outside the forum; please keep everyone's identity safe, "
            "including people you are angry with. https://example.org/a-very-long-address-"
            "that-goes-on-and-on-without-a-single-space-in-it",
        )
        act_on_member(moderator, member, "warn", "A gentle word about names.")
        db.session.commit()
    states = {}
    for role in ("moderator", "member", "admin"):
        context = browser.new_context(base_url=live_forum.url)
        sign_in(context.new_page(), names[role] if role != "moderator" else MODERATOR)
        states[role] = context.storage_state()
        context.close()
    return names, states


TABLE_PAGES = [
    ("moderation-log", "/mod/log", "moderator"),
    ("moderation-queue", "/mod/queue", "moderator"),
    ("my-reports", "/reports/mine", "member"),
    ("boards-admin", "/admin/boards/", "admin"),
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
@pytest.mark.parametrize(("name", "address", "who"), TABLE_PAGES, ids=[t[0] for t in TABLE_PAGES])
def test_table_headers_never_break_inside_a_word(
    browser, live_forum, tables, viewport, name, address, who
):
    """Headers such as Moderator and Target stay whole at 1280 px and on a 375 px phone."""
    names, states = tables
    context = browser.new_context(
        base_url=live_forum.url, viewport=viewport, storage_state=states[who]
    )
    context.set_default_timeout(WAIT_MS)
    try:
        page = context.new_page()
        assert page.goto(address).ok
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"table-{name}-{viewport['width']}.png", full_page=True)
        headers = page.locator("thead th")
        for index in range(headers.count()):  # shown, not dropped on a phone
            assert headers.nth(index).is_visible(), headers.nth(index).inner_text()
        assert page.evaluate(BROKEN_HEADER_WORDS) == []
        assert page.evaluate(FITS) == {"sideways": False, "spills": False}
        if viewport is DESKTOP:
            assert page.evaluate(BROKEN_NAMES, list(names.values())) == []
    finally:
        context.close()
