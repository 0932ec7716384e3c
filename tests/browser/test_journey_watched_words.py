"""A moderator adds a watched word on their page, tries a text against it, and a member who
writes it meets a kind refusal that keeps what they typed; a resource card the moderators
keep shows under the post that named its word."""

import re

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from tests.browser.conftest import MODERATOR, unique  # noqa: E402
from tests.browser.helpers import board, sign_in  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402


def test_a_moderator_blocks_a_word_and_a_member_meets_it_kindly(live_forum, open_page):
    word, helper_word = unique("plugword"), unique("strips")
    name = unique("willow-")
    with live_forum.seeding():
        make_user(name)
        thread_id = make_thread(board=board("stories"), title=unique("Where it all started ")).id

    moderator = open_page()
    sign_in(moderator, MODERATOR)
    moderator.goto("/mod/queue")
    moderator.get_by_role("navigation", name="Moderation").get_by_role(
        "link", name="Watched words"
    ).click()
    moderator.get_by_label("Word or phrase").fill(word)
    moderator.get_by_label("What happens").select_option(
        label="Block: the member is asked to change it"
    )
    moderator.get_by_role("button", name="Save").click()
    expect(moderator.get_by_text(f"Saved. “{word}” is watched from now on")).to_be_visible()

    moderator.get_by_label("Word or phrase").fill(helper_word)
    moderator.get_by_label("What happens").select_option(label="Attach a resource card")
    moderator.get_by_label(re.compile("^Detail")).fill("Test strips are free at the clinic.")
    moderator.get_by_role("button", name="Save").click()
    expect(moderator.get_by_text(f"Saved. “{helper_word}” is watched")).to_be_visible()

    moderator.get_by_label("A text to try").fill(f"Who has a {word}? And {helper_word}?")
    moderator.get_by_role("button", name="Try it").click()
    tried = moderator.get_by_role("status", name="What the text would trigger")
    expect(tried).to_contain_text(f"Blocked: {word}.")
    expect(tried).to_contain_text(f"Resource card, for “{helper_word}”")

    member = open_page()
    sign_in(member, name)
    member.goto(f"/t/{thread_id}/reply")
    typed = f"Does anyone know a {word} near the park?"
    member.get_by_label(re.compile("^Your reply")).fill(typed)
    member.get_by_role("button", name="Post reply").click()
    expect(member.get_by_text(f"asked that “{word}” not be posted here")).to_be_visible()
    box = member.get_by_label(re.compile("^Your reply"))
    expect(box).to_have_value(typed)

    box.fill(f"I used to ask around for a way to get high. Now I ask about {helper_word}.")
    member.get_by_role("button", name="Post reply").click()
    card = member.locator("aside.resource-card")
    expect(card).to_contain_text("Test strips are free at the clinic.")
    expect(member.get_by_text(typed)).to_have_count(0)
