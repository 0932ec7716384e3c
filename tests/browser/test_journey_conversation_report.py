"""A newcomer is pressed for their number in a private conversation, reports it without a
screenshot, and a moderator reads the messages through the report (the reading logged)."""

import re
from datetime import timedelta

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.conversations.store import create_conversation, create_message  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402
from tests.browser.conftest import MODERATOR, unique  # noqa: E402
from tests.browser.helpers import board, sign_in  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402

PRESSING = "Send me your number, we could meet up this weekend, just us"


def test_a_newcomer_reports_a_conversation_and_a_moderator_reads_its_messages(
    live_forum, open_page
):
    newcomer, other = unique("firstweek-"), unique("old-hand-")
    with live_forum.seeding():
        new_member = make_user(newcomer)
        older = make_user(other, created_at=utcnow() - timedelta(days=400))
        make_thread(older, board("stories"), title=unique("Ten years on "))
        conversation = create_conversation(new_member, [older])
        create_message(new_member, conversation, "Thank you for your story, it helped.")
        create_message(older, conversation, PRESSING)
        db.session.commit()
        conversation_id = conversation.id

    page = open_page()
    sign_in(page, newcomer)
    page.goto(f"/messages/{conversation_id}")
    expect(
        page.get_by_text("The moderators can read it only if someone in it reports it")
    ).to_be_visible()
    page.get_by_role("link", name="This made me uncomfortable: report it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This made me uncomfortable")
    expect(page.get_by_text("you don't need a screenshot")).to_be_visible()
    page.get_by_label("Pressing me to meet, to talk somewhere else, or for my details").check()
    page.get_by_label("Anything the moderators should know? (optional)").fill(
        "I don't know them and it scares me a bit."
    )
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url(re.compile(rf"/messages/{conversation_id}$"))
    expect(page.get_by_text("nobody in it is told who reported it")).to_be_visible()

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.goto("/mod/queue")
    entry = moderator.locator("li.queue-item").filter(has_text="a private conversation")
    expect(entry).to_contain_text("it scares me a bit")
    expect(entry).not_to_contain_text(PRESSING)
    entry.get_by_role("link").first.click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Reported conversation")
    expect(moderator.get_by_text(PRESSING)).to_have_count(0)
    moderator.get_by_role("link", name="Read the messages").click()
    expect(moderator.get_by_text(PRESSING)).to_be_visible()
    expect(moderator.get_by_text("Your reading is in the log")).to_be_visible()

    moderator.goto("/mod/log?verb=read_conversation")
    expect(moderator.locator("main")).to_contain_text("Read a reported conversation")
