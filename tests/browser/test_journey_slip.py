"""A member who shows their days shares a milestone, then has a slip: nobody else can tell."""

import re
from datetime import timedelta

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.timeutil import utcnow  # noqa: E402
from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import board, post_card, sign_in  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402
from tests.recovery.helpers import days_ago, make_counter  # noqa: E402


def test_a_slip_after_a_shared_milestone_leaves_every_public_page_as_it_was(live_forum, open_page):
    """The member shows "Day 30", replies, shares 30 days and records a slip; a signed-out
    reader still sees "Day 30" on both posts and no "Day 1", and the member is told that
    the days on new posts are paused."""
    name, title = unique("harbour-"), unique("Evenings without a drink, week ")
    reply_words = unique("The harbour walk at dusk keeps me going ")
    milestone_words = unique("Thirty days. Thank you for every reply at 3am ")
    with live_forum.seeding():
        member_row = make_user(name)
        make_counter(member_row, days_ago(29), added_at=utcnow() - timedelta(days=29))
        older_id = make_thread(board=board("cravings-and-coping"), title=title).id

    member = open_page()
    sign_in(member, name)
    member.goto("/me")
    member.get_by_role("button", name="Show it beside my pseudonym").click()
    expect(member.get_by_text("Its days now show beside your pseudonym")).to_be_visible()

    member.goto(f"/t/{older_id}")
    member.get_by_label("Your reply").fill(reply_words)
    member.get_by_role("button", name="Post reply").click()
    expect(post_card(member, reply_words).locator(".day-count")).to_have_text("Day 30")

    member.goto("/me")
    offer = member.locator(".milestone-offer").filter(has_text="You reached 30 days")
    offer.get_by_role("link", name="Share it…").click()
    member.get_by_label("What you'd like to say").fill(milestone_words)
    member.get_by_role("button", name="Share in Milestones").click()
    expect(member.get_by_text("Your 30 days milestone is shared.")).to_be_visible()
    milestone_url = member.url

    member.goto("/me")
    member.get_by_role("link", name="I had a slip").click()
    expect(member.get_by_text("new posts show no day beside your pseudonym")).to_be_visible()
    member.get_by_role("button", name="Start a new streak").click()
    expect(
        member.get_by_role("heading", name="You're still here, and that matters")
    ).to_be_visible()
    expect(member.get_by_text("Your day count is paused")).to_be_visible()
    member.get_by_role("link", name="My recovery", exact=True).last.click()
    paused = member.locator(".day-count-paused")
    expect(paused).to_contain_text("Your day count is paused.")
    expect(paused).to_contain_text("Posts you wrote before keep the day they showed then.")
    expect(paused.get_by_role("button", name="Show my days on new posts again")).to_be_visible()

    reader = open_page()
    for url, words in ((milestone_url, milestone_words), (f"/t/{older_id}", reply_words)):
        reader.goto(url)
        expect(post_card(reader, words).locator(".day-count")).to_have_text("Day 30")
        expect(reader.locator(".day-count").filter(has_text=re.compile(r"^Day 1$"))).to_have_count(
            0
        )
        hints = re.compile("slip|new streak|paused|started again", re.I)
        expect(reader.locator("article.post").filter(has_text=hints)).to_have_count(0)
    reader.goto(f"/u/{name}")
    expect(reader.get_by_text(re.compile(r"Day \d+"))).to_have_count(0)
