"""Contact the moderators in a real browser: a member writes from the footer, a moderator
answers from the inbox, and the member reads the answer signed "the moderators"."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.conftest import MODERATOR, SCREENSHOTS, unique  # noqa: E402
from tests.browser.helpers import sign_in  # noqa: E402
from tests.factories import make_user  # noqa: E402

PHONE = {"width": 375, "height": 740}
SERIOUS = ("serious", "critical")
QUESTION = "My reply about the meeting disappeared. Did I break a rule? I'd like to understand."
ANSWER = "Nothing you did wrong: it was caught by the spam filter. It is back now."
OVERFLOW = """() => {
  const root = document.scrollingElement;
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth};
}"""


def _no_serious_barriers(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=True)
    violations = Axe().run(page).response["violations"]
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]
    assert not found, "\n".join(found)


def _fits_a_phone(open_page, storage, address: str, name: str) -> None:
    """At 375 px the page never scrolls sideways."""
    phone = open_page(viewport=PHONE, storage_state=storage)
    assert phone.goto(address).ok
    phone.screenshot(path=SCREENSHOTS / f"{name}-375.png", full_page=True)
    size = phone.evaluate(OVERFLOW)
    assert size["scrollWidth"] <= size["clientWidth"], f"{name} scrolls sideways: {size}"
    phone.context.close()


def test_a_member_writes_to_the_moderators_and_reads_their_answer(live_forum, open_page):
    """From the footer to the form, to the inbox, to an answer signed "the moderators"."""
    name = unique("willow-")
    with live_forum.seeding():
        make_user(name)

    member = open_page()
    sign_in(member, name)
    member.goto("/help")
    member.get_by_role("contentinfo").get_by_role("link", name="Contact the moderators").click()
    member.wait_for_url(re.compile(r"/messages/moderators$"))
    expect(member.get_by_role("heading", name="Contact the moderators", level=1)).to_be_visible()
    expect(member.get_by_text("Every moderator can read it")).to_be_visible()
    expect(member.get_by_text("not end-to-end encrypted")).to_be_visible()
    _no_serious_barriers(member, "contact-moderators")
    _fits_a_phone(open_page, member.context.storage_state(), "/messages/moderators", "contact")

    member.get_by_label("Your message to the moderators").fill(QUESTION)
    member.get_by_role("button", name="Send to the moderators").click()
    expect(member.get_by_role("heading", name="With the moderators", level=1)).to_be_visible()
    expect(member.get_by_text(QUESTION)).to_be_visible()
    conversation_url = re.sub(r"#.*$", "", member.url)

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.goto("/mod/queue")
    inbox_link = moderator.get_by_role("navigation", name="Moderation").get_by_role(
        "link", name=re.compile("Inbox")
    )
    expect(inbox_link).to_contain_text("new")
    expect(inbox_link).to_contain_text("not answered")
    inbox_link.click()
    expect(moderator.get_by_role("heading", name="Moderators' inbox", level=1)).to_be_visible()
    _no_serious_barriers(moderator, "moderators-inbox")
    _fits_a_phone(open_page, moderator.context.storage_state(), "/mod/inbox/", "inbox")

    moderator.get_by_role("link", name=re.compile(f"From {name}")).click()
    expect(moderator.get_by_role("heading", name=f"From {name}", level=1)).to_be_visible()
    expect(moderator.get_by_text(QUESTION)).to_be_visible()
    _no_serious_barriers(moderator, "moderators-inbox-conversation")
    _fits_a_phone(open_page, moderator.context.storage_state(), moderator.url, "inbox-conversation")
    moderator.get_by_label("Your answer, from the moderators").fill(ANSWER)
    moderator.get_by_role("button", name="Send as the moderators").click()
    expect(moderator.get_by_text("Your answer is sent, from the moderators.")).to_be_visible()
    expect(moderator.get_by_text(f"the moderators ({MODERATOR})")).to_be_visible()

    member.goto("/notices/")
    notice = member.locator(".notice-item").filter(has_text="The moderators answered")
    expect(notice).not_to_contain_text(ANSWER)
    notice.get_by_role("link", name="Open").click()
    member.wait_for_url(re.compile(re.escape(conversation_url)))
    answer = member.locator("li.post").filter(has_text=ANSWER)
    expect(answer.locator(".post-meta strong")).to_have_text("the moderators")
    expect(member.locator("main")).not_to_contain_text(MODERATOR)
    _no_serious_barriers(member, "conversation-with-the-moderators")
    _fits_a_phone(
        open_page, member.context.storage_state(), conversation_url, "conversation-with-team"
    )
