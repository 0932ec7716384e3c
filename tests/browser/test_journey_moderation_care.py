"""Moderation journeys in a real browser: a rejected first post leaves no trace, and a care
report is looked after first, whatever else is decided about the post."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import Page, expect  # noqa: E402

from forum.accounts.models import User  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.moderation.reports import raise_care_report  # noqa: E402
from forum.permissions import is_suspended  # noqa: E402
from tests.browser.conftest import MODERATOR, unique  # noqa: E402
from tests.browser.helpers import board, messages, post_card, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402
from tests.moderation.helpers import item_for  # noqa: E402

WITH_AND_WITHOUT_JS = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"]
)
CONFIRM = "I have read the care report, and this is still the right step."


def _reply_as_newcomer(page: Page, name: str, thread_id: int, words: str) -> None:
    sign_in(page, name)
    page.goto(f"/t/{thread_id}")
    post_card(page, "The evenings are the hardest part").get_by_role(
        "link", name="Reply to this"
    ).click()
    page.get_by_label("Your reply").fill(words)
    page.get_by_role("button", name="Post reply").click()


def _a_thread(live_forum, title: str) -> int:
    """A story by a settled member, written before newcomers' posts were held."""
    config = live_forum.app.config
    held, config["TRUST_NEW_POSTS_WAIT"] = config["TRUST_NEW_POSTS_WAIT"], False
    try:
        with live_forum.seeding():
            thread = make_thread(
                board=board("stories"),
                author=make_user(unique("oak-")),
                title=title,
                body="Day three. The evenings are the hardest part.",
            )
            return thread.id
    finally:
        config["TRUST_NEW_POSTS_WAIT"] = held


@WITH_AND_WITHOUT_JS
def test_a_rejected_first_reply_leaves_no_trace_for_a_signed_out_reader(
    live_forum, open_page, premoderation
):
    """A newcomer's first reply is rejected: a reader sees the thread as if it never came,
    and the newcomer still finds their words, told calmly that nobody else saw them."""
    title, name = unique("Evenings, week one "), unique("quiet-river-")
    thread_id = _a_thread(live_forum, title)
    with live_forum.seeding():
        make_user(name)

    newcomer = open_page()
    _reply_as_newcomer(newcomer, name, thread_id, "Same here. I walk past the shop on Elm Lane.")
    expect(newcomer.get_by_text("waiting for a moderator").first).to_be_visible()

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name=re.compile(f"Waiting for approval: “{title}”")).click()
    moderator.get_by_label("Reason").fill("Please leave out street names: they can identify you.")
    moderator.get_by_role("button", name="Reject post").click()
    expect(messages(moderator)).to_contain_text("Done")

    reader = open_page()
    reader.goto(f"/t/{thread_id}")
    expect(reader.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(reader.locator("article.post")).to_have_count(1)
    expect(reader.get_by_text(name)).to_have_count(0)
    expect(reader.get_by_text("removed by the moderators")).to_have_count(0)
    expect(reader.get_by_text("Replies:")).to_have_count(0)
    reader.goto("/b/stories")
    row = reader.locator("li.thread-row").filter(has_text=title)
    expect(row).to_contain_text("0 replies")

    newcomer.goto(f"/t/{thread_id}")
    mine = post_card(newcomer, "Elm Lane")
    expect(mine).to_contain_text("didn't approve this post, so nobody else ever saw it")


@WITH_AND_WITHOUT_JS
def test_a_care_report_on_a_waiting_reply_is_looked_after_and_the_post_approved_apart(
    live_forum, open_page, premoderation
):
    """A newcomer's first reply says "I just want to die": the moderator sees care outcomes,
    approves the post (the care report stays open), then records "Reached out"."""
    title, name = unique("Nights, week two "), unique("still-water-")
    thread_id = _a_thread(live_forum, title)
    with live_forum.seeding():
        make_user(name)

    newcomer = open_page()
    _reply_as_newcomer(newcomer, name, thread_id, "Some nights I just want to die.")
    expect(newcomer.get_by_role("heading", level=1)).to_be_visible()

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name=re.compile(f"Someone may be at risk.*“{title}”")).click()
    care = moderator.get_by_role("region", name="Look after them first")
    expect(care.get_by_role("button", name="Reached out")).to_be_visible()
    expect(care.get_by_role("button", name="Resources sent")).to_be_visible()
    moderator.get_by_role("button", name="Approve post").click()
    expect(messages(moderator)).to_contain_text("The care report stays open")

    moderator.get_by_label("A message to them").fill(
        "We read your reply and we're glad you wrote it. You're not alone here."
    )
    moderator.get_by_role("button", name="Reached out").click()
    expect(moderator).to_have_url(re.compile(r"/mod/queue$"))
    expect(moderator.get_by_role("link", name=re.compile(f"“{title}”"))).to_have_count(0)

    reader = open_page()
    reader.goto(f"/t/{thread_id}")
    expect(reader.get_by_text("Some nights I just want to die.")).to_be_visible()
    newcomer.goto("/notices/")
    expect(newcomer.get_by_text("you're not alone here", exact=False)).to_be_visible()


@WITH_AND_WITHOUT_JS
def test_the_care_panel_offers_care_first_and_harsh_actions_only_behind_a_confirmation(
    live_forum, open_page
):
    """Care outcomes are the first buttons; "Suspend member" waits behind a disclosure, with
    its own reason, and does nothing until its confirmation box is ticked."""
    name = unique("far-shore-")
    with live_forum.seeding():
        author = make_user(name)
        post = make_post(
            thread=make_thread(board=board("stories")),
            author=author,
            body="There's no reason to live anymore, honestly.",
        )
        raise_care_report(post, "Words of risk.")
        db.session.commit()
        item_id, author_id = item_for(post).id, author.id

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.goto(f"/mod/items/{item_id}")
    expect(moderator.locator('button[name="verb"]').first).to_have_text("Reached out")
    expect(moderator.get_by_role("button", name="Suspend member")).to_be_hidden()
    expect(moderator.get_by_role("button", name="Ban member")).to_be_hidden()

    moderator.get_by_text("Other actions on the post or the member").click()
    suspend = moderator.locator("form.harsh-decision").filter(
        has=moderator.get_by_role("button", name="Suspend member")
    )
    suspend.get_by_label("Reason").fill("Sharing where to buy.")
    suspend.get_by_role("button", name="Suspend member").click()
    expect(moderator).to_have_url(re.compile(f"/mod/items/{item_id}$"))
    with live_forum.seeding():
        assert not is_suspended(db.session.get(User, author_id))

    suspend.get_by_label(CONFIRM).check()
    suspend.get_by_role("button", name="Suspend member").click()
    expect(messages(moderator)).to_contain_text("The care report stays open")
    with live_forum.seeding():
        assert is_suspended(db.session.get(User, author_id))
    expect(moderator.get_by_role("button", name="Reached out")).to_be_visible()
