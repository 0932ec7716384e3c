"""Journeys through the forum in a real browser, acting as each person would: clicks and typing."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from forum.trust.levels import TrustLevel  # noqa: E402
from tests.browser.conftest import MODERATOR, unique  # noqa: E402
from tests.browser.helpers import board, messages, post_card, sign_in  # noqa: E402
from tests.factories import make_post, make_thread, make_user  # noqa: E402

WITH_AND_WITHOUT_JS = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"]
)


@WITH_AND_WITHOUT_JS
def test_newcomer_reads_the_guidelines_searches_and_reads_a_story(live_forum, page):
    """A newcomer reads the welcome and the guidelines, searches "cravings" and reads a story."""
    title = unique("When the cravings came back, week ")
    with live_forum.seeding():
        make_thread(
            board=board("stories"),
            title=title,
            body="The cravings hit hardest at four in the afternoon. Walking helped me most.",
        )

    page.goto("/welcome")
    expect(page.get_by_role("heading", name="Welcome to Hearth", level=1)).to_be_visible()
    guidelines = page.get_by_role("region", name="Community guidelines")
    expect(guidelines).to_be_visible()
    page.get_by_role("contentinfo").get_by_role("link", name="Community guidelines").click()
    expect(page).to_have_url(re.compile(r"/guidelines$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("guidelines")

    search_box = page.get_by_role("search").get_by_role("searchbox", name="Search")
    search_box.fill("cravings")
    search_box.press("Enter")
    expect(page.get_by_text(re.compile(r"\d+ posts? found"))).to_be_visible()
    page.get_by_role("link", name=title).click()

    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_text("Walking helped me most.")).to_be_visible()


@WITH_AND_WITHOUT_JS
def test_newcomers_introduction_waits_for_a_moderator_then_appears(
    live_forum, open_page, premoderation
):
    """A newcomer's introduction is seen by nobody else until a moderator approves it."""
    name, title = unique("river-"), unique("Hello from a quiet town ")
    newcomer = open_page()
    newcomer.goto("/welcome")
    newcomer.get_by_role("link", name="Join Hearth").click()
    newcomer.get_by_label("Pseudonym").fill(name)
    newcomer.get_by_label("Password", exact=True).fill("lantern orchard velvet")
    newcomer.get_by_label("Password again").fill("lantern orchard velvet")
    newcomer.get_by_label("I have read the community guidelines").check()
    newcomer.get_by_role("button", name="Create my account").click()
    expect(newcomer.get_by_role("navigation", name="Account")).to_contain_text(name)

    newcomer.goto("/b/introductions")
    newcomer.get_by_role("link", name="Start a thread").click()
    newcomer.get_by_label("Title").fill(title)
    newcomer.get_by_label("Your post").fill("Sixty days in. Mostly I read here at night.")
    newcomer.get_by_role("button", name="Post thread").click()
    expect(newcomer.get_by_text("waiting for a moderator").first).to_be_visible()

    visitor = open_page()
    visitor.goto("/b/introductions")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.get_by_role("link", name="Moderation").click()
    moderator.get_by_role("link", name=re.compile(f"Waiting for approval: “{title}”")).click()
    moderator.get_by_role("button", name="Claim this item").click()
    moderator.get_by_role("button", name="Approve post").click()
    expect(messages(moderator)).to_be_visible()

    visitor.reload()
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_text("Mostly I read here at night.")).to_be_visible()


@WITH_AND_WITHOUT_JS
def test_reply_with_a_content_note_shows_collapsed_to_a_reader(live_forum, open_page):
    """A reply to one post, behind a content note, reaches other readers folded shut."""
    title, replier = unique("Three months and a bad night "), unique("willow-")
    with live_forum.seeding():
        thread = make_thread(board=board("stories"), title=title)
        make_post(thread, body="I remember that feeling, the third month was strange for me.")
        make_user(replier)
        thread_id = thread.id

    member = open_page()
    sign_in(member, replier)
    member.goto(f"/t/{thread_id}")
    post_card(member, "the third month was strange").get_by_role(
        "link", name="Reply to this"
    ).click()
    expect(member.get_by_role("heading", name=re.compile("In reply to"))).to_be_visible()
    member.get_by_label("Your reply").fill("Mine was too. I drank on day 80 and started again.")
    member.get_by_text("Add a content note").click()
    member.get_by_label("Content note (optional)").select_option(label="Relapse detail")
    member.get_by_role("button", name="Post reply").click()
    expect(post_card(member, "Content note: Relapse detail")).to_be_visible()

    reader = open_page()
    reader.goto(f"/t/{thread_id}")
    reply = post_card(reader, "Content note: Relapse detail")
    expect(reply.get_by_role("link", name=re.compile("in reply to"))).to_be_visible()
    words = reply.get_by_text("I drank on day 80")
    expect(words).to_be_hidden()
    reply.get_by_text("Content note: Relapse detail. Open to read").click()
    expect(words).to_be_visible()


def test_shared_milestone_gets_congratulations_and_a_notice(live_forum, open_page):
    """A member shares their 30 days; another congratulates them; they are told."""
    sharer, friend = unique("ember-"), unique("harbor-")
    with live_forum.seeding():
        make_user(sharer)
        make_user(friend)
    started = (datetime.now(UTC).date() - timedelta(days=30)).isoformat()

    member = open_page()
    sign_in(member, sharer)
    member.get_by_role("link", name="My recovery").click()
    member.get_by_role("link", name="Add a counter").click()
    member.get_by_label("What you are counting").fill("alcohol")
    member.get_by_label("Start date").fill(started)
    member.get_by_role("button", name="Start counting").click()
    expect(member.get_by_text("Share this milestone?")).to_contain_text("30 days")
    member.get_by_role("link", name="Share it…").click()
    title = member.get_by_label("Title").input_value()
    member.get_by_role("button", name="Share in Milestones").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text("30 days")

    other = open_page()
    sign_in(other, friend)
    other.goto("/b/milestones")
    # Other journeys share milestones of the same title: open this member's, by its address.
    shared = member.url.split("/t/", 1)[1].split("?")[0].split("#")[0]
    other.locator(f'a[href^="/t/{shared}"]', has_text=title).first.click()
    other.get_by_role("button", name="Congratulations").click()
    expect(other.get_by_role("button", name=re.compile("Congratulations · 1"))).to_be_visible()

    member.reload()
    member.get_by_role("link", name=re.compile("Notices")).click()
    expect(member.locator(".notice-item").first).to_contain_text(friend)


@WITH_AND_WITHOUT_JS
def test_reported_post_is_hidden_removed_and_everyone_concerned_is_told(live_forum, open_page):
    """Three reports hide a post; a moderator removes it; author and reporter learn why."""
    word, title = unique("quarrelsome"), unique("Sponsors and other arguments ")
    author, reporters = unique("thorn-"), [unique("meadow-") for _ in range(3)]
    with live_forum.seeding():
        thread = make_thread(board=board("community-lounge"), title=title)
        make_post(thread, make_user(author), body=f"You are all {word} fools and I despise you.")
        for name in reporters:
            # Members in good standing: a brand-new account's report weighs half.
            make_user(name, trust_level=TrustLevel.MEMBER)
        thread_id = thread.id

    for name in reporters:
        reporter = open_page()
        sign_in(reporter, name)
        reporter.goto(f"/t/{thread_id}")
        post_card(reporter, word).get_by_role("link", name="Report this post").click()
        reporter.get_by_label("Harassment or hate").check()
        reporter.get_by_role("button", name="Send the report").click()
        expect(messages(reporter)).to_be_visible()

    visitor = open_page()
    visitor.goto(f"/t/{thread_id}")
    expect(visitor.get_by_text("This post is hidden by the moderators.")).to_be_visible()
    expect(visitor.get_by_text(word)).to_have_count(0)

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.goto("/mod/queue")
    moderator.get_by_role("link", name=re.compile(f"3 reports: “{title}”")).click()
    moderator.get_by_role("button", name="Claim this item").click()
    moderator.get_by_label("Reason").fill("Name-calling breaks guideline 5: be kind.")
    moderator.get_by_role("button", name="Remove post").click()
    expect(moderator.get_by_text("Done. The people concerned are told.")).to_be_visible()

    writer = open_page()
    sign_in(writer, author)
    writer.get_by_role("link", name=re.compile("Notices")).click()
    expect(writer.get_by_text("Name-calling breaks guideline 5").first).to_be_visible()

    first_reporter = open_page()
    sign_in(first_reporter, reporters[0])
    first_reporter.goto("/reports/mine")
    row = first_reporter.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Reviewed: the moderators took action")

    visitor.goto(f"/search?q={word}")
    expect(visitor.get_by_text("Nothing found for that search.")).to_be_visible()


def test_risk_words_lead_to_help_and_a_care_report_first_in_the_queue(live_forum, open_page):
    """A reply with words of risk shows the help page and tops the moderators' queue."""
    title, writer = unique("Long weekend "), unique("cedar-")
    with live_forum.seeding():
        thread = make_thread(board=board("cravings-and-coping"), title=title)
        make_user(writer)
        thread_id = thread.id

    member = open_page()
    sign_in(member, writer)
    member.goto(f"/t/{thread_id}")
    member.get_by_label("Your reply").fill("Honestly some nights I want to die. Day 4 again.")
    member.get_by_role("button", name="Post reply").click()
    expect(member).to_have_url(re.compile(r"/help\?after=\d+"))
    expect(member.get_by_role("heading", name="Need help now?")).to_be_visible()
    expect(member.get_by_role("region", name="Crisis lines and resources")).to_be_visible()

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.goto("/mod/queue")
    ours = moderator.locator(".queue-item", has_text=title)
    expect(ours).to_contain_text("Someone may be at risk")
    # Other journeys leave care items open too: every one of them, ours included, comes
    # before anything that is not about someone at risk.
    kinds = moderator.locator(".queue-item").evaluate_all(
        "items => items.map(i => i.classList.contains('care'))"
    )
    assert True in kinds and kinds == sorted(kinds, reverse=True)


def test_member_downloads_their_data_then_leaves_keeping_their_posts(live_forum, page, tmp_path):
    """A member downloads their data, deletes their account, and their story stays unsigned."""
    name, title = unique("sparrow-"), unique("What the first year taught me ")
    with live_forum.seeding():
        thread = make_thread(make_user(name), board("stories"), title=title)
        thread_id = thread.id

    sign_in(page, name)
    page.get_by_role("link", name="Settings").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    exported = saved.read_text(encoding="utf-8")
    assert name in exported and title in exported
    assert json.loads(exported)

    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Keep my posts for others to read").check()
    page.get_by_label("Your password, to confirm").fill("a-long-password-1")
    page.get_by_label("I understand that this can't be undone").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account is deleted.")).to_be_visible()

    page.goto(f"/t/{thread_id}")
    expect(page.locator("article.post .author").first).to_contain_text("a former member")
    expect(page.get_by_text(name)).to_have_count(0)
