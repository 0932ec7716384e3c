"""An appeal in a real browser: a member appeals a hidden post from the notice, and a
moderator other than the one who hid it restores it."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.permissions import Role  # noqa: E402
from tests.browser.conftest import MODERATOR, unique  # noqa: E402
from tests.browser.helpers import accessible_and_fits, board, messages, post_card, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402


def test_a_member_appeals_a_hidden_post_and_another_moderator_restores_it(live_forum, open_page):
    """Moderator A hides a member's reply; the member appeals from the notice; A may not
    decide; moderator B restores it, and the member finds the post back and the answer."""
    name, second = unique("willow-"), unique("second-look-")
    words = unique("I went to my first meeting in years and it helped ")
    with live_forum.seeding():
        member = make_user(name)
        make_user(second, role=Role.MODERATOR)
        thread = make_thread(board=board("stories"), author=make_user(unique("oak-")))
        post_id = make_post(thread=thread, author=member, body=words).id
        thread_id = thread.id

    first = open_page()
    sign_in(first, MODERATOR)
    first.goto(f"/mod/posts/{post_id}")
    first.get_by_label("Reason").fill("It reads as an attack on another member.")
    first.get_by_role("button", name="Hide post").click()
    expect(messages(first)).to_contain_text("Done")

    author = open_page()
    sign_in(author, name)
    author.goto("/notices/")
    notice = author.locator("li.notice-item").filter(has_text="Your post is hidden")
    notice.get_by_role("link", name="Appeal this decision").click()
    expect(author.get_by_role("heading", name="Appeal a decision", level=1)).to_be_visible()
    accessible_and_fits(author, open_page, "appeal form")
    author.get_by_label("Why should the moderators look again?").fill(
        "I was talking about my own evening, not about anyone here."
    )
    author.get_by_role("button", name="Send the appeal").click()
    expect(messages(author)).to_contain_text("Your appeal is sent")
    expect(author.get_by_text("Waiting for a moderator")).to_be_visible()

    first.goto("/mod/appeals")
    first.locator("li.queue-item").filter(has_text=name).get_by_role("link").click()
    expect(first.get_by_text("You took this action, so another moderator decides")).to_be_visible()
    expect(first.get_by_role("button", name="Decide the appeal")).to_have_count(0)

    other = open_page()
    sign_in(other, second)
    other.get_by_role("link", name="Moderation").click()
    other.get_by_role("navigation", name="Moderation").get_by_role("link", name="Appeals").click()
    other.locator("li.queue-item").filter(has_text=name).get_by_role(
        "link", name=re.compile("Appeal of “Hide post”")
    ).click()
    expect(other.get_by_text("I was talking about my own evening")).to_be_visible()
    accessible_and_fits(other, open_page, "appeal item")
    other.get_by_label("Reversed: undo the decision").check()
    other.get_by_label("Note to the member").fill("You are right: it was about your evening.")
    other.get_by_role("button", name="Decide the appeal").click()
    expect(messages(other)).to_contain_text("Done")

    author.goto(f"/t/{thread_id}")
    expect(post_card(author, words)).to_be_visible()
    author.goto("/notices/")
    answer = author.locator("li.notice-item").filter(
        has_text="Your appeal was reviewed: the decision is reversed"
    )
    expect(answer).to_contain_text("You are right: it was about your evening.")
    expect(author.get_by_role("link", name="Your appeal: the decision is reversed")).to_be_visible()
    reader = open_page()
    reader.goto(f"/t/{thread_id}")
    expect(post_card(reader, words)).to_be_visible()
