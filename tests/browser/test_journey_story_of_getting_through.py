"""A member tags their own story as how they got through a crisis; later, someone writes at
2 a.m. that they can't go on, and the care check shows them the crisis lines and that story
(a reader who follows it lands on the story itself)."""

import pytest

pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

from playwright.sync_api import expect  # noqa: E402

from tests.browser.conftest import unique  # noqa: E402
from tests.browser.helpers import accessible_and_fits, board, sign_in  # noqa: E402
from tests.factories import make_thread, make_user  # noqa: E402


def test_the_care_check_shows_a_story_of_getting_through(live_forum, open_page):
    storyteller, writer = unique("came-through-"), unique("heavy-night-")
    story = unique("The night I nearly drank again, and the call that got me to morning ")
    with live_forum.seeding():
        thread = make_thread(
            make_user(storyteller),
            board=board("stories"),
            title=story,
            body="I sat in the car outside the shop for an hour. Then I called my sponsor.",
        )
        make_user(writer)
        story_id = thread.id
        tonight = make_thread(title=unique("Tonight "), board=board("community-lounge")).id

    author = open_page()
    sign_in(author, storyteller)
    author.goto(f"/t/{story_id}")
    author.get_by_role("button", name="Tag it “how I got through a crisis”").click()
    expect(author.get_by_text("A story of getting through a crisis")).to_be_visible()

    member = open_page()
    sign_in(member, writer)
    member.goto(f"/t/{tonight}")
    member.get_by_label("Your reply").fill("I want to end it all tonight, I can't go on.")
    member.get_by_role("button", name="Post reply").click()

    expect(member.get_by_role("link", name="see it in its thread")).to_be_visible()
    expect(member.get_by_role("heading", name="People you can reach right now")).to_be_visible()
    fallback = member.get_by_text("call your local emergency number", exact=False)
    expect(fallback.first).to_be_visible()
    stories = member.get_by_role("region", name="Others here got through a night like this")
    expect(stories).to_be_visible()
    accessible_and_fits(member, open_page, "the care check with a story")

    stories.get_by_role("link", name=story).click()
    expect(member.get_by_role("heading", name=story, level=1)).to_be_visible()
    expect(member.get_by_text("Then I called my sponsor.")).to_be_visible()
